import type { Insertable, Kysely } from 'kysely';
import type { NotificationOutcome, NotificationRecord, PaymentNotificationLog } from '../../application/index.js';
import type { DB, PaymentNotificationTable } from './schema.js';
import { affectedRows } from './compiled-statements.js';
import { isDuplicateKey, toDate, toNullableNumber, toNumber } from './rows.js';

/** The SQL of KyselyPaymentNotificationLog.record as a builder; the benchmark's floor compiles the same one. */
export const notificationStatements = {
  record: (db: Kysely<DB>, row: Insertable<PaymentNotificationTable>) => db.insertInto('payment_notification').values(row),
};

export function notificationRow(entry: NotificationRecord): Insertable<PaymentNotificationTable> {
  return {
    transaction_id: entry.transactionId,
    out_trade_no: entry.outTradeNo,
    order_id: entry.orderId,
    total_fee: entry.totalFee,
    outcome: entry.outcome,
    received_at: entry.receivedAt.getTime(),
  };
}

export class KyselyPaymentNotificationLog implements PaymentNotificationLog {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * The unique transaction id decides. On MySQL a second insert of the same id waits for the
   * first transaction and then fails with a duplicate key (or succeeds if the first rolled back).
   */
  async record(entry: NotificationRecord): Promise<boolean> {
    try {
      await affectedRows(this.db, notificationStatements.record, notificationRow(entry));
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async find(transactionId: string): Promise<NotificationRecord | null> {
    const row = await this.db
      .selectFrom('payment_notification')
      .selectAll()
      .where('transaction_id', '=', transactionId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      transactionId: row.transaction_id,
      outTradeNo: row.out_trade_no,
      orderId: toNullableNumber(row.order_id),
      totalFee: toNumber(row.total_fee),
      outcome: row.outcome as NotificationOutcome,
      receivedAt: toDate(row.received_at),
    };
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('payment_notification')
      .select((eb) => eb.fn.countAll().as('count'))
      .executeTakeFirstOrThrow();
    return toNumber(row.count);
  }
}
