import { type Kysely, type Selectable, sql } from 'kysely';
import type { NewRefund, Refund, RefundCause, RefundStatus } from '../../domain/index.js';
import type { RefundChange, RefundRepository } from '../../application/index.js';
import type { DB, RefundTable } from './schema.js';
import { isDuplicateKey, toDate, toNumber } from './rows.js';
import { leaseFreeAt } from './lease.js';

export class KyselyRefundRepository implements RefundRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async create(refund: NewRefund): Promise<boolean> {
    const at = refund.createdAt.getTime();
    try {
      await this.db
        .insertInto('refund')
        .values({
          out_refund_no: refund.outRefundNo,
          order_id: refund.orderId,
          transaction_id: refund.transactionId,
          total_fee: refund.totalFee,
          refund_fee: refund.refundFee,
          cause: refund.cause,
          reason: refund.reason,
          status: 'REFUNDING',
          charged_to_order: refund.chargedToOrder ? 1 : 0,
          created_at: at,
          updated_at: at,
        })
        .execute();
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Conditional increment: two refunds racing can never charge past what the order was paid. */
  async chargeToOrder(orderId: number, amount: number): Promise<boolean> {
    const result = await this.db
      .updateTable('order')
      .set({ refunded_fee: sql<number>`refunded_fee + ${amount}` })
      .where('id', '=', orderId)
      .where(sql<boolean>`refunded_fee + ${amount} <= total_price`)
      .executeTakeFirst();
    return toNumber(result.numUpdatedRows) === 1;
  }

  async unchargeFromOrder(orderId: number, amount: number): Promise<void> {
    await this.db
      .updateTable('order')
      .set({ refunded_fee: sql<number>`refunded_fee - ${amount}` })
      .where('id', '=', orderId)
      .execute();
  }

  async find(outRefundNo: string): Promise<Refund | null> {
    const row = await this.db.selectFrom('refund').selectAll().where('out_refund_no', '=', outRefundNo).executeTakeFirst();
    return row ? toRefund(row) : null;
  }

  async listByOrder(orderId: number): Promise<Refund[]> {
    const rows = await this.db
      .selectFrom('refund')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toRefund);
  }

  async listByOrders(orderIds: readonly number[]): Promise<Refund[]> {
    if (orderIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('refund')
      .selectAll()
      .where('order_id', 'in', [...orderIds])
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toRefund);
  }

  async transition(outRefundNo: string, from: RefundStatus, to: RefundStatus, change: RefundChange): Promise<boolean> {
    const result = await this.db
      .updateTable('refund')
      .set({
        status: to,
        updated_at: change.at.getTime(),
        ...(change.failureReason !== undefined ? { failure_reason: change.failureReason } : {}),
        ...(change.refundId !== undefined ? { refund_id: change.refundId } : {}),
      })
      .where('out_refund_no', '=', outRefundNo)
      .where('status', '=', from)
      .executeTakeFirst();
    return toNumber(result.numUpdatedRows) === 1;
  }

  async findInFlight(now: Date, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('refund')
      .select('out_refund_no')
      .where('status', '=', 'REFUNDING')
      .where((eb) => leaseFreeAt(eb, 'lease_until', now))
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => row.out_refund_no);
  }

  async claim(outRefundNo: string, now: Date, until: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('refund')
      .set({ lease_until: until.getTime() })
      .where('out_refund_no', '=', outRefundNo)
      .where((eb) => leaseFreeAt(eb, 'lease_until', now))
      .executeTakeFirst();
    return toNumber(result.numUpdatedRows) === 1;
  }
}

function toRefund(row: Selectable<RefundTable>): Refund {
  return {
    outRefundNo: row.out_refund_no,
    orderId: toNumber(row.order_id),
    transactionId: row.transaction_id,
    totalFee: toNumber(row.total_fee),
    refundFee: toNumber(row.refund_fee),
    cause: row.cause as RefundCause,
    reason: row.reason,
    status: row.status as RefundStatus,
    failureReason: row.failure_reason,
    refundId: row.refund_id,
    chargedToOrder: toNumber(row.charged_to_order) === 1,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}
