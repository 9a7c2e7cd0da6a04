import { type Insertable, type Kysely, type Selectable, type Updateable, sql } from 'kysely';
import type { Address, LineStatus, NewOrder, Order, OrderLine, OrderStatus } from '../../domain/index.js';
import type { PaymentAttempt, StatusChange } from '../../application/index.js';
import type { DB, OrderTable, PaymentAttemptTable } from './schema.js';
import { parseJson, toDate, toNullableDate, toNumber } from './rows.js';

/**
 * The SQL of KyselyOrderRepository, as builders over plain row values. The benchmark's floor
 * compiles these same builders, so its statements are the shop's by construction.
 */
export const orderStatements = {
  insert: (db: Kysely<DB>, row: Insertable<OrderTable>) => db.insertInto('order').values(row),
  insertLines: (db: Kysely<DB>, orderId: number, lines: readonly OrderLine[]) =>
    db.insertInto('order_product').values(lines.map((line) => ({ order_id: orderId, product_id: line.productId, count: line.count }))),
  /** MySQL, right after `insert` on the same connection: the lines of the order it just wrote (order_product has no AUTO_INCREMENT of its own). */
  insertLinesOfLast: (db: Kysely<DB>, lines: readonly OrderLine[]) =>
    db.insertInto('order_product').values(lines.map((line) => ({ order_id: sql<number>`LAST_INSERT_ID()`, product_id: line.productId, count: line.count }))),
  findById: (db: Kysely<DB>, id: number) => db.selectFrom('order').selectAll().where('id', '=', id),
  /** Newest first; one user's orders, or everyone's when `userId` is null; of one status, or all when `status` is null. */
  page: (db: Kysely<DB>, userId: number | null, limit: number, offset: number, status: OrderStatus | null = null) => {
    const orders = db.selectFrom('order').selectAll();
    const mine = userId === null ? orders : orders.where('user_id', '=', userId);
    return (status === null ? mine : mine.where('status', '=', status))
      .orderBy('create_time', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset);
  },
  linesOf: (db: Kysely<DB>, orderIds: readonly number[]) =>
    db
      .selectFrom('order_product')
      .select(['order_id', 'product_id', 'count'])
      .where('order_id', 'in', [...orderIds])
      .orderBy('order_id')
      .orderBy('product_id'),
  /** Compare-and-set on the status. */
  transition: (db: Kysely<DB>, id: number, from: OrderStatus, set: Updateable<OrderTable>) =>
    db.updateTable('order').set(set).where('id', '=', id).where('status', '=', from),
  /** update_time always moves (one past itself if the clock has not), so the row is really written. */
  touch: (db: Kysely<DB>, id: number, status: OrderStatus, now: number) =>
    db
      .updateTable('order')
      .set({ update_time: sql<number>`case when update_time < ${now} then ${now} else update_time + 1 end` })
      .where('id', '=', id)
      .where('status', '=', status),
  setPrepay: (db: Kysely<DB>, id: number, set: Updateable<OrderTable>) => db.updateTable('order').set(set).where('id', '=', id),
  insertAttempt: (db: Kysely<DB>, row: Insertable<PaymentAttemptTable>) => db.insertInto('payment_attempt').values(row),
  attemptsOf: (db: Kysely<DB>, orderId: number) =>
    db.selectFrom('payment_attempt').selectAll().where('order_id', '=', orderId).orderBy('created_at', 'desc').orderBy('id', 'desc'),
  findAttempt: (db: Kysely<DB>, outTradeNo: string) => db.selectFrom('payment_attempt').selectAll().where('out_trade_no', '=', outTradeNo),
};

export function orderRow(order: NewOrder): Insertable<OrderTable> {
  const createTime = order.createTime.getTime();
  return {
    order_no: order.orderNo,
    user_id: order.userId,
    status: order.status,
    total_price: order.totalPrice,
    total_count: order.totalCount,
    stock_reserved: order.stockReserved ? 1 : 0,
    snap_img: order.snapImg,
    snap_name: order.snapName,
    snap_items: JSON.stringify(order.snapItems),
    snap_address: JSON.stringify(order.snapAddress),
    create_time: createTime,
    update_time: createTime,
  };
}

export function transitionSet(to: OrderStatus, change: StatusChange, now: Date): Updateable<OrderTable> {
  return {
    status: to,
    update_time: now.getTime(),
    ...(change.transactionId !== undefined ? { transaction_id: change.transactionId } : {}),
    ...(change.paidAt !== undefined ? { paid_at: change.paidAt.getTime() } : {}),
  };
}

export function prepaySet(attempt: PaymentAttempt, now: Date): Updateable<OrderTable> {
  return { prepay_id: attempt.prepayId, prepay_expires_at: attempt.prepayExpiresAt.getTime(), update_time: now.getTime() };
}

export function attemptRow(attempt: PaymentAttempt): Insertable<PaymentAttemptTable> {
  return {
    out_trade_no: attempt.outTradeNo,
    order_id: attempt.orderId,
    prepay_id: attempt.prepayId,
    prepay_expires_at: attempt.prepayExpiresAt.getTime(),
    created_at: attempt.createdAt.getTime(),
  };
}

export function toOrder(row: Selectable<OrderTable>, lines: OrderLine[]): Order {
  return {
    id: toNumber(row.id),
    orderNo: row.order_no,
    userId: toNumber(row.user_id),
    status: toNumber(row.status) as OrderStatus,
    totalPrice: toNumber(row.total_price),
    totalCount: toNumber(row.total_count),
    stockReserved: toNumber(row.stock_reserved) === 1,
    snapName: row.snap_name,
    snapImg: row.snap_img,
    snapItems: parseJson<LineStatus[]>(row.snap_items),
    snapAddress: parseJson<Address>(row.snap_address),
    lines,
    createTime: toDate(row.create_time),
    prepayId: row.prepay_id,
    prepayExpiresAt: toNullableDate(row.prepay_expires_at),
    transactionId: row.transaction_id,
    paidAt: toNullableDate(row.paid_at),
  };
}

export function toAttempt(row: Selectable<PaymentAttemptTable>): PaymentAttempt {
  return {
    orderId: toNumber(row.order_id),
    outTradeNo: row.out_trade_no,
    prepayId: row.prepay_id,
    prepayExpiresAt: toDate(row.prepay_expires_at),
    createdAt: toDate(row.created_at),
  };
}
