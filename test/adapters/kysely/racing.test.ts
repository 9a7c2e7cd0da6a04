import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestDatabase, describeWithMysql, openMysqlTestDatabase, openSqliteTestDatabase } from '../../support/databases.js';
import { racingSuite } from './racing.js';

describe('racing the real use cases on SQLite (WAL file; its one connection serialises transactions)', () => {
  let database: TestDatabase;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weshop-racing-'));
    database = await openSqliteTestDatabase(join(dir, 'shop.sqlite'));
  });
  after(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  racingSuite('sqlite', () => database);
});

describeWithMysql('racing the real use cases on MySQL (a pool of 20 concurrent connections)', (url) => {
  let database: TestDatabase;
  before(async () => {
    database = await openMysqlTestDatabase(url, { poolSize: 20 });
  });
  after(async () => {
    await database?.close();
  });
  racingSuite('mysql', () => database);
});
