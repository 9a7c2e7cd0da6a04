import { expect } from 'chai';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { type DB, orderStatements } from '../../../src/adapters/kysely/index.js';
import { OrderStatus } from '../../../src/domain/index.js';
import { type TestDatabase, describeWithMysql, openMysqlTestDatabase, openSqliteTestDatabase } from '../../support/databases.js';

/** 2,000 orders over five statuses, then the engine's statistics, so a plan is what a full shop would get. */
async function fillOrders(db: Kysely<DB>, mysql: boolean): Promise<void> {
  const statuses = [OrderStatus.UNPAID, OrderStatus.PAID, OrderStatus.DELIVERED, OrderStatus.CLOSED, OrderStatus.PAID];
  for (let batch = 0; batch < 4; batch += 1) {
    const rows = Array.from({ length: 500 }, (_, i) => {
      const n = batch * 500 + i;
      const snap = { snap_img: '', snap_name: '', snap_items: '[]', snap_address: '{}' };
      return { order_no: `PLAN-${n}`, user_id: n % 50, status: statuses[n % 5] ?? OrderStatus.PAID, total_price: 100, total_count: 1, ...snap, create_time: 1_000 + n, update_time: 1_000 + n };
    });
    await db.insertInto('order').values(rows).execute();
  }
  await (mysql ? sql`analyze table ${sql.table('order')}` : sql`analyze`).execute(db);
}

async function plan(db: Kysely<DB>, mysql: boolean): Promise<string> {
  const page = orderStatements.page(db, null, 20, 40, OrderStatus.PAID).compile();
  const explained = await db.executeQuery(CompiledQuery.raw(`${mysql ? 'explain' : 'explain query plan'} ${page.sql}`, [...page.parameters]));
  return JSON.stringify(explained.rows);
}

/** The console's status filter reads the status index in create_time order: no scan of every order, no sort. */
function describePlans(name: string, open: () => Promise<TestDatabase>, mysql: boolean): void {
  describe(`the order page of one status on ${name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await open();
      await fillOrders(database.db, mysql);
    });
    after(() => database.close());

    it('reads order_status_create_time_idx without sorting', async () => {
      const explained = await plan(database.db, mysql);
      expect(explained).to.include('order_status_create_time_idx');
      expect(explained).not.to.match(/filesort|temporary|TEMP B-TREE|SCAN order/i);
    });
  });
}

describePlans('SQLite', () => openSqliteTestDatabase(), false);
describeWithMysql('MySQL', (url) => describePlans('MySQL', () => openMysqlTestDatabase(url, { poolSize: 2 }), true));
