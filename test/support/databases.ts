import { type Kysely, sql } from 'kysely';
import { type DB, type Database, migrateToLatest, openDatabase } from '../../src/adapters/kysely/index.js';

/** Tables in an order that deletes children before parents. */
const TABLES: readonly (keyof DB)[] = [
  'wechat_access_token',
  'order_trade',
  'subscribe_consent',
  'outbox',
  'shipment',
  'wechat_pay_certificates',
  'refund',
  'stock_hold',
  'payment_notification',
  'payment_attempt',
  'order_product',
  'order',
  'third_app',
  'banner_item',
  'banner',
  'theme_product',
  'theme',
  'product_property',
  'product_image',
  'product',
  'category',
  'image',
  'user_address',
  'user',
];

export interface TestDatabase extends Database {
  /** Empties every table (between tests). */
  clean(): Promise<void>;
}

/** A fresh, migrated SQLite database in memory: one connection, gone on close. */
export async function openSqliteTestDatabase(path = ':memory:'): Promise<TestDatabase> {
  const database = await openDatabase(path);
  await migrateToLatest(database.db);
  return { ...database, clean: () => cleanTables(database.db) };
}

/**
 * A fresh, migrated MySQL database for one test suite. Refuses a database whose name does not
 * contain `test`. Each test process works in `<name>_p<pid>` when it may create databases, so
 * two people running the tests at once never clean each other's rows; the suite drops it on close.
 */
export async function openMysqlTestDatabase(url: string, options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!name.includes('test')) {
    throw new Error(`refusing to run tests against MySQL database "${name}": its name must contain "test"`);
  }
  const own = `${name}_p${process.pid}`;
  const admin = await openDatabase(url, { poolSize: 1 });
  let target = name;
  try {
    await sql`create database if not exists ${sql.id(own)} character set utf8mb4 collate utf8mb4_unicode_ci`.execute(admin.db);
    target = own;
  } catch {
    // No right to create databases: use the named one, emptied below.
  } finally {
    await admin.close();
  }
  parsed.pathname = `/${encodeURIComponent(target)}`;
  const database = await openDatabase(parsed.toString(), { poolSize: options.poolSize ?? 10 });
  await dropAllTables(database.db);
  await migrateToLatest(database.db);
  return {
    ...database,
    clean: () => cleanTables(database.db),
    close: async () => {
      if (target === own) await sql`drop database if exists ${sql.id(own)}`.execute(database.db);
      await database.close();
    },
  };
}

async function cleanTables(db: Kysely<DB>): Promise<void> {
  for (const table of TABLES) await db.deleteFrom(table).execute();
}

async function dropAllTables(db: Kysely<DB>): Promise<void> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  await sql`set foreign_key_checks = 0`.execute(db);
  for (const table of tables) await db.schema.dropTable(table.name).ifExists().execute();
  await sql`set foreign_key_checks = 1`.execute(db);
}

let skipReported = false;

/**
 * `describe` for suites that need MySQL. With MYSQL_URL they run. Without it they are skipped
 * with a printed reason on a developer machine, and fail in CI (CI=true), where skipping would
 * hide that the MySQL half was never tested.
 */
export function describeWithMysql(title: string, suite: (this: Mocha.Suite, url: string) => void): void {
  const url = process.env.MYSQL_URL;
  if (url) {
    describe(title, function () {
      suite.call(this, url);
    });
    return;
  }
  if (process.env.CI === 'true' || process.env.CI === '1') {
    describe(title, () => {
      it('needs MYSQL_URL in CI', () => {
        throw new Error('MYSQL_URL is not set, so the MySQL suites cannot run; CI must start MariaDB (scripts/services.sh start)');
      });
    });
    return;
  }
  if (!skipReported) {
    skipReported = true;
    console.log(
      '  MySQL suites skipped: MYSQL_URL is not set. Run `scripts/services.sh install && scripts/services.sh start && source .services/env` to include them.',
    );
  }
  describe.skip(`${title} (skipped: MYSQL_URL is not set)`, function () {
    suite.call(this, '');
  });
}
