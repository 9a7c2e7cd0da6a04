import { type Kysely, sql } from 'kysely';
import { type StockPolicy, UnitOfWork, type VerifiedPaymentNotification } from '../../../src/application/index.js';
import { type OrderLine, OrderStatus } from '../../../src/domain/index.js';
import type { DB } from '../../../src/adapters/kysely/index.js';
import { kyselyWorld } from '../../contract/worlds.js';
import { aProduct, anAddress } from '../../support/mothers.js';
import { composeShop } from '../../support/shop.js';

/** The real use cases on Kysely adapters over one database handle (a pool, or SQLite's connection), and what a race reads back. */
export function racingShop(db: Kysely<DB>, stockPolicy: StockPolicy = 'on_payment') {
  const world = kyselyWorld(db);
  const payConfig = { stockPolicy };
  const shop = composeShop(world, { payConfig });
  return {
    ...shop,
    /** The same shop's use cases with its unit of work replaced (to inject a failure). */
    withUnitOfWork: (unitOfWork: UnitOfWork) =>
      composeShop(world, { payConfig, override: (container) => container.rebind(UnitOfWork).toConstantValue(unitOfWork) }),

    addProduct: (id: number, stock: number, price = 100) => world.addProduct(aProduct({ id, stock, price })),

    async aUserWithAddress(openid: string): Promise<number> {
      const user = await world.users.findOrCreateByOpenid(openid);
      await world.addresses.save(user.id, anAddress());
      return user.id;
    },

    /** Places a one-line order and records its first payment attempt, as PreparePayment would. */
    async anUnpaidOrder(uid: number, productId: number, count: number): Promise<{ id: number; orderNo: string; totalFee: number }> {
      return this.anUnpaidOrderOf(uid, [{ productId, count }]);
    },

    async anUnpaidOrderOf(uid: number, lines: OrderLine[]): Promise<{ id: number; orderNo: string; totalFee: number }> {
      const placed = await shop.placeOrder.execute({ uid, products: lines });
      if (!placed.pass) throw new Error('the order could not be placed');
      const order = await world.orders.findById(placed.orderId);
      await world.orders.addPaymentAttempt({
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
      const stock = await world.stockOf(productId);
      if (stock === undefined) throw new Error(`no product ${productId}`);
      return stock;
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
