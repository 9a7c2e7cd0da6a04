import type { Kysely, Selectable } from 'kysely';
import { type Address, type LineStatus, type NewOrder, type Order, type OrderLine, type OrderStatus } from '../../domain/index.js';
import type { OrderRepository, Page, PaymentAttempt, StatusChange } from '../../application/index.js';
import type { DB, OrderTable } from './database.js';
import { parseJson, toDate, toNullableDate, toNumber } from './rows.js';

export class KyselyOrderRepository implements OrderRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(order: NewOrder): Promise<number> {
    const createTime = order.createTime.getTime();
    // insertId, not RETURNING: MariaDB accepts RETURNING and silently hands back no rows.
    const result = await this.db
      .insertInto('order')
      .values({
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
      })
      .executeTakeFirstOrThrow();
    const id = toNumber(result.insertId);
    if (order.lines.length > 0) {
      await this.db
        .insertInto('order_product')
        .values(order.lines.map((line) => ({ order_id: id, product_id: line.productId, count: line.count })))
        .execute();
    }
    return id;
  }

  async findById(id: number): Promise<Order | null> {
    const row = await this.db.selectFrom('order').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const [order] = await this.withLines([row]);
    return order ?? null;
  }

  async listByUser(userId: number, { page, size }: Page): Promise<Order[]> {
    const rows = await this.db
      .selectFrom('order')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('create_time', 'desc')
      .orderBy('id', 'desc')
      .limit(size)
      .offset((page - 1) * size)
      .execute();
    return this.withLines(rows);
  }

  async listAll({ page, size }: Page): Promise<Order[]> {
    const rows = await this.db
      .selectFrom('order')
      .selectAll()
      .orderBy('create_time', 'desc')
      .orderBy('id', 'desc')
      .limit(size)
      .offset((page - 1) * size)
      .execute();
    return this.withLines(rows);
  }

  async transition(id: number, from: OrderStatus, to: OrderStatus, change: StatusChange = {}): Promise<boolean> {
    const result = await this.db
      .updateTable('order')
      .set({
        status: to,
        update_time: Date.now(),
        ...(change.transactionId !== undefined ? { transaction_id: change.transactionId } : {}),
        ...(change.paidAt !== undefined ? { paid_at: change.paidAt.getTime() } : {}),
      })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    // from !== to, so a matched row (what mysql2 counts) is a changed row.
    return toNumber(result.numUpdatedRows) === 1;
  }

  async addPaymentAttempt(attempt: PaymentAttempt): Promise<void> {
    await this.db
      .insertInto('payment_attempt')
      .values({
        out_trade_no: attempt.outTradeNo,
        order_id: attempt.orderId,
        prepay_id: attempt.prepayId,
        prepay_expires_at: attempt.prepayExpiresAt.getTime(),
        created_at: attempt.createdAt.getTime(),
      })
      .execute();
    await this.db
      .updateTable('order')
      .set({ prepay_id: attempt.prepayId, prepay_expires_at: attempt.prepayExpiresAt.getTime(), update_time: Date.now() })
      .where('id', '=', attempt.orderId)
      .execute();
  }

  async listPaymentAttempts(orderId: number): Promise<PaymentAttempt[]> {
    const rows = await this.db
      .selectFrom('payment_attempt')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toAttempt);
  }

  async findPaymentAttempt(outTradeNo: string): Promise<PaymentAttempt | null> {
    const row = await this.db
      .selectFrom('payment_attempt')
      .selectAll()
      .where('out_trade_no', '=', outTradeNo)
      .executeTakeFirst();
    return row ? toAttempt(row) : null;
  }

  /** Loads the lines of every order in one query. */
  private async withLines(rows: Selectable<OrderTable>[]): Promise<Order[]> {
    if (rows.length === 0) return [];
    const lineRows = await this.db
      .selectFrom('order_product')
      .select(['order_id', 'product_id', 'count'])
      .where(
        'order_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('order_id')
      .orderBy('product_id')
      .execute();
    const lines = new Map<number, OrderLine[]>();
    for (const line of lineRows) {
      const orderId = toNumber(line.order_id);
      lines.set(orderId, [...(lines.get(orderId) ?? []), { productId: toNumber(line.product_id), count: toNumber(line.count) }]);
    }
    return rows.map((row) => toOrder(row, lines.get(toNumber(row.id)) ?? []));
  }
}

function toOrder(row: Selectable<OrderTable>, lines: OrderLine[]): Order {
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

function toAttempt(row: {
  order_id: number;
  out_trade_no: string;
  prepay_id: string;
  prepay_expires_at: number;
  created_at: number;
}): PaymentAttempt {
  return {
    orderId: toNumber(row.order_id),
    outTradeNo: row.out_trade_no,
    prepayId: row.prepay_id,
    prepayExpiresAt: toDate(row.prepay_expires_at),
    createdAt: toDate(row.created_at),
  };
}
