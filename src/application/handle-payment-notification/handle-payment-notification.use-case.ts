import { inject, injectable } from 'inversify';
import { type Fen, type Order, OrderStatus } from '../../domain/index.js';
import { Clock } from '../ports/clock.js';
import { OrderRepository } from '../ports/order.repository.js';
import { PayConfig } from '../ports/pay.config.js';
import type { NotificationOutcome } from '../ports/payment-notification.log.js';
import { UnitOfWork } from '../ports/unit-of-work.js';

/** A payment notification whose signature, appid and mch_id the adapter has already verified. */
export interface VerifiedPaymentNotification {
  readonly outTradeNo: string;
  readonly transactionId: string;
  readonly totalFee: Fen;
  readonly resultCode: 'SUCCESS' | 'FAIL';
  readonly paidAt: Date | null;
}

export type HandlePaymentNotificationResult =
  /** WeChat may stop sending: the notification is applied, was applied before, or needs nothing. */
  | { readonly acknowledged: true; readonly outcome: NotificationOutcome | 'DUPLICATE'; readonly orderId: number | null }
  /** WeChat must keep retrying (and a person look): the notification contradicts the order. */
  | { readonly acknowledged: false; readonly outcome: 'AMOUNT_MISMATCH'; readonly orderId: number };

@injectable()
export class HandlePaymentNotification {
  constructor(
    @inject(OrderRepository) private readonly orders: OrderRepository,
    @inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @inject(Clock) private readonly clock: Clock,
    @inject(PayConfig) private readonly config: PayConfig,
  ) {}

  async execute(notification: VerifiedPaymentNotification): Promise<HandlePaymentNotificationResult> {
    const attempt = await this.orders.findPaymentAttempt(notification.outTradeNo);
    const order = attempt ? await this.orders.findById(attempt.orderId) : null;
    if (order && notification.resultCode === 'SUCCESS' && notification.totalFee !== order.totalPrice) {
      // Never trust an amount the order did not ask for: nothing changes and WeChat retries.
      return { acknowledged: false, outcome: 'AMOUNT_MISMATCH', orderId: order.id };
    }
    const receivedAt = this.clock.now();

    const reservedAtOrder = this.config.stockPolicy === 'on_order';
    return this.unitOfWork.run(async ({ orders, stock, notifications }) => {
      const outcome = !order
        ? 'UNKNOWN_ORDER'
        : notification.resultCode !== 'SUCCESS'
          ? 'PAYMENT_FAILED'
          : await settle(order);
      const fresh = await notifications.record({
        transactionId: notification.transactionId,
        outTradeNo: notification.outTradeNo,
        orderId: order?.id ?? null,
        totalFee: notification.totalFee,
        outcome,
        receivedAt,
      });
      if (!fresh) throw new DuplicateNotification();
      return { acknowledged: true as const, outcome, orderId: order?.id ?? null };

      /** Only the caller that moves the order out of UNPAID deducts; every other one changes nothing to stock. */
      async function settle(target: Order): Promise<NotificationOutcome> {
        const paidAt = notification.paidAt ?? receivedAt;
        const won = await orders.transition(target.id, OrderStatus.UNPAID, OrderStatus.PAID, {
          transactionId: notification.transactionId,
          paidAt,
        });
        if (!won) {
          const current = await orders.findById(target.id);
          return current?.status === OrderStatus.CLOSED ? 'PAID_AFTER_CLOSE' : 'ALREADY_SETTLED';
        }
        if (reservedAtOrder) return 'PAID';
        const deduction = await stock.deductAll(target.lines);
        if (deduction.ok) return 'PAID';
        await orders.transition(target.id, OrderStatus.PAID, OrderStatus.PAID_BUT_OUT_OF);
        return 'PAID_BUT_OUT_OF';
      }
    }).catch((error: unknown) => {
      if (error instanceof DuplicateNotification) {
        return { acknowledged: true as const, outcome: 'DUPLICATE' as const, orderId: order?.id ?? null };
      }
      throw error;
    });
  }
}

/** Rolls back a unit of work whose transaction id was already recorded. */
class DuplicateNotification extends Error {}
