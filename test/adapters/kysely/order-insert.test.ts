import { expect } from 'chai';
import { sql } from 'kysely';
import { KyselyOrderRepository } from '../../../src/adapters/kysely/index.js';
import { FixedClock } from '../../../src/adapters/fakes/fixed.clock.js';
import { aNewOrder } from '../../contract/builders.js';
import { type TestDatabase, describeWithMysql, openMysqlTestDatabase, openSqliteTestDatabase } from '../../support/databases.js';

/**
 * An order inserted on its own is all or nothing: on MySQL one round trip (begin, the order, its
 * lines keyed on LAST_INSERT_ID(), commit), on SQLite a transaction of its own. A line that fails
 * must take its order with it and leave the connection fit for the next insert.
 */
function insertSuite(open: () => Promise<TestDatabase>): void {
  let database: TestDatabase;
  let orders: KyselyOrderRepository;
  before(async () => {
    database = await open();
    orders = new KyselyOrderRepository(database.db, new FixedClock());
  });
  after(() => database.close());
  beforeEach(() => database.clean());

  const count = async (table: 'order' | 'order_product') => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(database.db)).rows[0]!.n);

  it('writes the order and its lines under the new id, order after order', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, (_, index) => orders.insert(aNewOrder({ userId: index + 1 }))));
    expect(new Set(ids).size).to.equal(12);
    for (const id of ids) expect((await orders.findById(id))?.lines).to.deep.equal(aNewOrder().lines);
    expect(await count('order_product')).to.equal(24);
  });

  it('writes no order when a line fails, and the next insert still works', async () => {
    const twice = aNewOrder({ lines: [{ productId: 3, count: 1 }, { productId: 3, count: 2 }] });
    let failed = false;
    await orders.insert(twice).catch(() => (failed = true));
    expect(failed).to.equal(true);
    expect(await count('order')).to.equal(0);
    expect(await count('order_product')).to.equal(0);
    const ids = await Promise.all(Array.from({ length: 4 }, () => orders.insert(aNewOrder())));
    expect(await count('order')).to.equal(ids.length);
  });
}

describe('an order inserted on its own (SQLite)', () => insertSuite(() => openSqliteTestDatabase()));
describeWithMysql('an order inserted on its own (MySQL, one round trip)', (url) => insertSuite(() => openMysqlTestDatabase(url, { poolSize: 2 })));
