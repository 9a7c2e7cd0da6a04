import { kyselyWorld, memoryWorld } from './worlds.js';
import { allContracts } from './contracts.js';
import { type TestDatabase, describeWithMysql, openMysqlTestDatabase, openSqliteTestDatabase } from '../support/databases.js';

/** The same contract suites against each backend: in memory, SQLite in memory, and MySQL. */
describe('port contracts on memory adapters', () => {
  allContracts(async () => memoryWorld());
});

describe('port contracts on Kysely + SQLite', () => {
  let database: TestDatabase;
  before(async () => {
    database = await openSqliteTestDatabase();
  });
  after(async () => {
    await database.close();
  });
  allContracts(async () => {
    await database.clean();
    return kyselyWorld(database.db);
  });
});

describeWithMysql('port contracts on Kysely + MySQL', (url) => {
  let database: TestDatabase;
  before(async () => {
    database = await openMysqlTestDatabase(url);
  });
  after(async () => {
    await database?.close();
  });
  allContracts(async () => {
    await database.clean();
    return kyselyWorld(database.db);
  });
});
