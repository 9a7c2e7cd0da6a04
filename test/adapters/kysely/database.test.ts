import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Kysely, SqliteDialect, sql } from 'kysely';
import SqliteDatabase from 'better-sqlite3';
import { type DB, KyselyStockGateway, KyselyUnitOfWork, migrateToLatest, openDatabase } from '../../../src/adapters/kysely/index.js';
import { migrations } from '../../../src/adapters/kysely/migrate.js';
import { SystemClock } from '../../../src/adapters/system/system.clock.js';
import { describeWithMysql, openMysqlTestDatabase } from '../../support/databases.js';

describe('openDatabase', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'weshop-db-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('opens a SQLite file, creating its folder, in WAL mode with foreign keys on', async () => {
    const database = await openDatabase(join(dir, 'nested', 'shop.sqlite'));
    try {
      expect(database.dialect).to.equal('sqlite');
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
      const keys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(database.db);
      const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(database.db);
      expect(journal.rows[0]?.journal_mode).to.equal('wal');
      expect(keys.rows[0]?.foreign_keys).to.equal(1);
      expect(busy.rows[0]?.timeout).to.be.greaterThan(0);
    } finally {
      await database.close();
    }
  });

  it('migrates twice without harm', async () => {
    const database = await openDatabase(':memory:');
    try {
      expect(await migrateToLatest(database.db)).to.deep.equal(Object.keys(migrations)).and.include('0001-initial-schema');
      expect(await migrateToLatest(database.db)).to.deep.equal([]);
    } finally {
      await database.close();
    }
  });
});

describe('the MySQL test helper', () => {
  it('refuses a database whose name does not contain "test"', async () => {
    const error = await openMysqlTestDatabase('mysql://weshop:weshop@127.0.0.1:1/weshop').catch((caught: unknown) => caught);
    expect(String(error)).to.match(/refusing.*"weshop".*must contain "test"/);
  });
});

describe('KyselyStockGateway.findProducts', () => {
  it('loads every product in one query', async () => {
    const statements: string[] = [];
    const db = new Kysely<DB>({
      dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }),
      log: (event) => {
        if (event.level === 'query') statements.push(event.query.sql);
      },
    });
    try {
      await migrateToLatest(db);
      statements.length = 0;
      await new KyselyStockGateway(db, new SystemClock()).findProducts([3, 1, 2, 4, 5]);
      expect(statements).to.have.length(1);
    } finally {
      await db.destroy();
    }
  });
});

describe('KyselyUnitOfWork', () => {
  it('runs the work again when the database rolled it back as a deadlock victim, then gives up', async () => {
    const database = await openDatabase(':memory:');
    try {
      await migrateToLatest(database.db);
      const unitOfWork = new KyselyUnitOfWork(database.db, new SystemClock());
      let runs = 0;
      const deadlock = Object.assign(new Error('Deadlock found when trying to get lock'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 });
      const value = await unitOfWork.run(async () => {
        runs += 1;
        if (runs < 2) throw deadlock;
        return 'second time';
      });
      expect(value).to.equal('second time');

      runs = 0;
      const error = await unitOfWork
        .run(async () => {
          runs += 1;
          throw deadlock;
        })
        .catch((caught: unknown) => caught);
      expect(error).to.equal(deadlock);
      expect(runs, 'every attempt, then it gives up').to.equal(8);

      runs = 0;
      await unitOfWork.run(async () => {
        runs += 1;
        throw new Error('not retryable');
      }).catch(() => undefined);
      expect(runs).to.equal(1);
    } finally {
      await database.close();
    }
  });
});

describeWithMysql('openDatabase on MySQL', (url) => {
  it('hands back BIGINT fen and millis as numbers and keeps Chinese text', async () => {
    const database = await openMysqlTestDatabase(url, { poolSize: 2 });
    try {
      expect(database.dialect).to.equal('mysql');
      const result = await sql<{ big: unknown; name: unknown }>`select cast(9007199254740991 as signed) as big, '桂花糕' as name`.execute(database.db);
      expect(result.rows[0]).to.deep.equal({ big: 9007199254740991, name: '桂花糕' });
    } finally {
      await database.close();
    }
  });
});
