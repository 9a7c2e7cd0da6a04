import { inject, injectable } from 'inversify';
import { type Fen, type Order, OrderStatus, type RefundCause, refundNo } from '../../domain/index.js';
import { Clock } from '../ports/clock.js';
import { OrderRepository } from '../ports/order.repository.js';
import type { NotificationOutcome } from '../ports/payment-notification.log.js';
import type { TransactionalRepositories } from '../ports/unit-of-work.js';
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
  ) {}

  async execute(notification: VerifiedPaymentNotification): Promise<HandlePaymentNotificationResult> {
    const attempt = await this.orders.findPaymentAttempt(notification.outTradeNo);
    const order = attempt ? await this.orders.findById(attempt.orderId) : null;
    if (order && notification.resultCode === 'SUCCESS' && notification.totalFee !== order.totalPrice) {
      // Never trust an amount the order did not ask for: nothing changes and WeChat retries.
      return { acknowledged: false, outcome: 'AMOUNT_MISMATCH', orderId: order.id };
    }
    const receivedAt = this.clock.now();

    return this.unitOfWork.run(async (repos) => {
      const { orders, stock, notifications } = repos;
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
      if (order) await owe(repos, order, outcome);
      return { acknowledged: true as const, outcome, orderId: order?.id ?? null };

      /** Money the shop cannot keep is owed back in the same transaction that learns of it. */
      async function owe({ refunds }: TransactionalRepositories, target: Order, result: NotificationOutcome): Promise<void> {
        const cause = OWED[result];
        if (!cause) return;
        const chargedToOrder = cause === 'OUT_OF_STOCK';
        if (chargedToOrder && !(await refunds.chargeToOrder(target.id, notification.totalFee))) return;
        await refunds.create({
          outRefundNo: refundNo(notification.transactionId),
          orderId: target.id,
          transactionId: notification.transactionId,
          totalFee: notification.totalFee,
          refundFee: notification.totalFee,
          cause,
          reason: REASONS[cause],
          chargedToOrder,
          createdAt: receivedAt,
        });
      }

      /** Only the caller that moves the order out of UNPAID deducts; every other one changes nothing to stock. */
      async function settle(target: Order): Promise<NotificationOutcome> {
        const paidAt = notification.paidAt ?? receivedAt;
        const won = await orders.transition(target.id, OrderStatus.UNPAID, OrderStatus.PAID, {
          transactionId: notification.transactionId,
          paidAt,
        });
        if (!won) {
          const current = await orders.findById(target.id);
          if (current?.status === OrderStatus.CLOSED) return 'PAID_AFTER_CLOSE';
          return current?.transactionId === notification.transactionId ? 'ALREADY_SETTLED' : 'PAID_TWICE';
        }
        // The order remembers its policy: a setting changed since (or a rolling deploy) moves nothing twice.
        if (target.stockReserved) return 'PAID';
        // Its hold (if it still has one) becomes the deduction; a hold lapsed takes only units nobody holds.
        const deduction = await stock.deductPaid(target.id, target.lines);
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

const OWED: Partial<Record<NotificationOutcome, RefundCause>> = {
  PAID_BUT_OUT_OF: 'OUT_OF_STOCK',
  PAID_AFTER_CLOSE: 'PAID_AFTER_CLOSE',
  PAID_TWICE: 'PAID_TWICE',
};

const REASONS: Record<RefundCause, string> = {
  REQUESTED: '商家退款',
  OUT_OF_STOCK: '商品库存不足，自动退款',
  PAID_AFTER_CLOSE: '订单已关闭，自动退款',
  PAID_TWICE: '订单重复支付，自动退款',
};

/** Rolls back a unit of work whose transaction id was already recorded. */
class DuplicateNotification extends Error {}
