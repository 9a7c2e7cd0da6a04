export type NotificationOutcome =
  | 'PAID'
  | 'PAID_BUT_OUT_OF'
  | 'ALREADY_SETTLED'
  | 'UNKNOWN_ORDER'
  | 'PAYMENT_FAILED'
  /** Money arrived for an order already closed unpaid: it is owed back to the payer. */
  | 'PAID_AFTER_CLOSE'
  /** A second payment for an order another payment already settled: owed back too. */
  | 'PAID_TWICE';

export interface NotificationRecord {
  readonly transactionId: string;
  readonly outTradeNo: string;
  readonly orderId: number | null;
  readonly totalFee: number;
  readonly outcome: NotificationOutcome;
  readonly receivedAt: Date;
}

export const PaymentNotificationLog = Symbol('PaymentNotificationLog');
export interface PaymentNotificationLog {
  /** Records a notification once per transaction id; false when it was already recorded. */
  record(entry: NotificationRecord): Promise<boolean>;
  find(transactionId: string): Promise<NotificationRecord | null>;
  count(): Promise<number>;
}
