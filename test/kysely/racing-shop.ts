import { type Kysely, sql } from 'kysely';
import {
  HandlePaymentNotification,
  type PayConfig,
  PlaceOrder,
  type StockPolicy,
  type TransactionalRepositories,
  type UnitOfWork,
  type VerifiedPaymentNotification,
} from '../../src/application/index.js';
import { type OrderLine, OrderStatus } from '../../src/domain/index.js';
import { type DB, createKyselyAdapters } from '../../src/adapters/kysely/index.js';
import { testPayConfig } from '../../src/composition/index.js';
import { SequentialOrderNumberGenerator } from '../../src/adapters/fakes/sequential-order-number.generator.js';
import { SystemClock } from '../../src/adapters/system/system.clock.js';
import { aProduct, anAddress } from '../support/mothers.js';

/** The real use cases on Kysely adapters, over one database handle (a pool, or SQLite's connection). */
export function racingShop(db: Kysely<DB>, stockPolicy: StockPolicy = 'on_payment') {
  const clock = new SystemClock();
  const adapters = createKyselyAdapters(db, clock);
  const config: PayConfig = { ...testPayConfig, stockPolicy };
  const orderNumbers = new SequentialOrderNumberGenerator();
  return {
    adapters,
    placeOrder: new PlaceOrder(adapters.stock, adapters.addresses, adapters.unitOfWork, orderNumbers, clock, config),
    handleNotification: (unitOfWork: UnitOfWork = adapters.unitOfWork) =>
      new HandlePaymentNotification(adapters.orders, unitOfWork, clock),

    async addProduct(id: number, stock: number, price = 100): Promise<void> {
      const product = aProduct({ id, stock, price });
      await db
        .insertInto('product')
        .values({
          id,
          name: product.name,
          price,
          stock,
          category_id: 1,
          main_img_url: product.mainImgUrl,
          from: 1,
          summary: '',
          img_id: null,
          delete_time: null,
          create_time: Date.now(),
        })
        .execute();
    },

    async aUserWithAddress(openid: string): Promise<number> {
      const user = await adapters.users.findOrCreateByOpenid(openid);
      await adapters.addresses.save(user.id, anAddress());
      return user.id;
    },

    /** Places a one-line order and records its first payment attempt, as PreparePayment would. */
    async anUnpaidOrder(uid: number, productId: number, count: number): Promise<{ id: number; orderNo: string; totalFee: number }> {
      return this.anUnpaidOrderOf(uid, [{ productId, count }]);
    },

    async anUnpaidOrderOf(uid: number, lines: OrderLine[]): Promise<{ id: number; orderNo: string; totalFee: number }> {
      const placed = await this.placeOrder.execute({ uid, products: lines });
      if (!placed.pass) throw new Error('the order could not be placed');
      const order = await adapters.orders.findById(placed.orderId);
      await adapters.orders.addPaymentAttempt({
        orderId: placed.orderId,
        outTradeNo: placed.orderNo,
        prepayId: `wx-${placed.orderNo}`,
        prepayExpiresAt: new Date(Date.now() + 3_600_000),
        createdAt: new Date(),
      });
      return { id: placed.orderId, orderNo: placed.orderNo, totalFee: order?.totalPrice ?? 0 };
    },

    /** MySQL only: how many times a statement has waited on another transaction's row lock, server-wide. */
    async rowLockWaits(): Promise<number | null> {
      try {
        const result = await sql<{ Value: string }>`show global status like 'Innodb_row_lock_waits'`.execute(db);
        return Number(result.rows[0]?.Value ?? 0);
      } catch {
        return null;
      }
    },

    async refundCount(): Promise<number> {
      const row = await db.selectFrom('refund').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async stockOf(productId: number): Promise<number> {
      const row = await db.selectFrom('product').select('stock').where('id', '=', productId).executeTakeFirstOrThrow();
      return Number(row.stock);
    },

    async countByStatus(): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('order')
        .select(['status', (eb) => eb.fn.countAll().as('count')])
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((row) => [OrderStatus[Number(row.status)] ?? String(row.status), Number(row.count)]));
    },

    /** Sum of the counts of a product over orders in the given statuses. */
    async soldCount(productId: number, statuses: OrderStatus[]): Promise<number> {
      const row = await db
        .selectFrom('order_product')
        .innerJoin('order', 'order.id', 'order_product.order_id')
        .select(sql<number>`coalesce(sum(order_product.count), 0)`.as('sold'))
        .where('order_product.product_id', '=', productId)
        .where('order.status', 'in', statuses)
        .executeTakeFirstOrThrow();
      return Number(row.sold);
    },
  };
}

export type RacingShop = ReturnType<typeof racingShop>;

export function paidNotification(order: { orderNo: string; totalFee: number }, transactionId = `42000${order.orderNo}`): VerifiedPaymentNotification {
  return { outTradeNo: order.orderNo, transactionId, totalFee: order.totalFee, resultCode: 'SUCCESS', paidAt: null };
}

/** A unit of work whose stock step deducts and then fails: the failure lands after the status change. */
export function failingAfterDeduction(inner: UnitOfWork): UnitOfWork {
  return {
    run: (work) =>
      inner.run((repos: TransactionalRepositories) =>
        work({
          ...repos,
          stock: {
            findProducts: (ids) => repos.stock.findProducts(ids),
            release: (lines) => repos.stock.release(lines),
            deductAll: async (lines) => {
              await repos.stock.deductAll(lines);
              throw new Error('injected failure after the stock deduction');
            },
          },
        }),
      ),
  };
}
