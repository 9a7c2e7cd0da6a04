import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../../../src/adapters/kysely/index.js';
import { type TestDatabase, describeWithMysql, openMysqlTestDatabase, openSqliteTestDatabase } from '../../support/databases.js';
import { admissionRacingSuite } from './admission-racing.js';

describe('admission raced on SQLite (three shops on the one connection, as the embedded default runs)', () => {
  let database: TestDatabase;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weshop-admission-'));
    database = await openSqliteTestDatabase(join(dir, 'shop.sqlite'));
  });
  after(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  admissionRacingSuite('sqlite', () => ({ handles: [database.db, database.db, database.db], clean: database.clean }));
});

describeWithMysql('admission raced on MySQL (three instances, each its own pool of 8)', (url) => {
  let database: TestDatabase;
  const others: Database[] = [];
  before(async () => {
    database = await openMysqlTestDatabase(url, { poolSize: 8 });
    const { rows } = await sql<{ name: string }>`select database() as name`.execute(database.db);
    const own = new URL(url);
    own.pathname = `/${rows[0]!.name}`;
    for (let i = 0; i < 2; i++) others.push(await openDatabase(own.toString(), { poolSize: 8 }));
  });
  after(async () => {
    for (const other of others) await other.close();
    await database?.close();
  });
  admissionRacingSuite('mysql', () => ({ handles: [database.db, ...others.map((other) => other.db)], clean: database.clean }));
});
