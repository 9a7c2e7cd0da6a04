import { type World, kyselyWorld, memoryWorld } from '../contract/worlds.js';
import { type TestDatabase, describeWithMysql, openMysqlTestDatabase, openSqliteTestDatabase } from './databases.js';

/**
 * Runs one suite on every backend: in memory, SQLite and MySQL (MySQL under the usual rule:
 * skipped with a reason on a developer machine without MYSQL_URL, failing in CI). The suite gets
 * a factory of fresh, empty worlds to call in `beforeEach`.
 */
export function describeOnEveryBackend(title: string, suite: (freshWorld: () => Promise<World>) => void): void {
  describe(`${title} (memory)`, () => suite(async () => memoryWorld()));

  describe(`${title} (SQLite)`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await openSqliteTestDatabase();
    });
    after(() => database.close());
    suite(async () => {
      await database.clean();
      return kyselyWorld(database.db);
    });
  });

  describeWithMysql(`${title} (MySQL)`, (url) => {
    let database: TestDatabase;
    before(async () => {
      database = await openMysqlTestDatabase(url);
    });
    after(() => database?.close());
    suite(async () => {
      await database.clean();
      return kyselyWorld(database.db);
    });
  });
}
