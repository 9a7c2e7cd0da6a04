import { inject, injectable } from 'inversify';
import { OrderStatus, isPastPayDeadline } from '../../domain/index.js';
import { HandlePaymentNotification } from '../handle-payment-notification/handle-payment-notification.use-case.js';
import { Clock } from '../ports/clock.js';
import { OrderRepository, type PaymentAttempt } from '../ports/order.repository.js';
import { PayConfig } from '../ports/pay.config.js';
import { PaymentGateway, PaymentGatewayError, type TradeQuery } from '../ports/payment.gateway.js';
import { UnitOfWork } from '../ports/unit-of-work.js';

export interface SettleUnpaidOrderCommand {
  readonly orderId: number;
}

export type SettlementOutcome =
  | 'NOT_UNPAID'
  | 'PAID'
  | 'PAID_BUT_OUT_OF'
  | 'PAID_AFTER_CLOSE'
  | 'PAID_TWICE'
  | 'AMOUNT_MISMATCH'
  | 'PAYING'
  | 'STILL_UNPAID'
  | 'CLOSE_LATER'
  | 'CLOSED';

/** WeChat refuses to close a trade during its first five minutes. */
const CLOSE_NOT_BEFORE_MS = 5 * 60 * 1000;

/**
 * Asks WeChat what became of an unpaid order's payment attempts. A payment found there is applied
 * exactly as its notification would be; an order past its pay window with no payment is closed at
 * WeChat first (so nobody can pay it afterwards), then here.
 */
@injectable()
export class SettleUnpaidOrder {
  constructor(
    @inject(OrderRepository) private readonly orders: OrderRepository,
    @inject(PaymentGateway) private readonly payments: PaymentGateway,
    @inject(HandlePaymentNotification) private readonly applyPayment: HandlePaymentNotification,
    @inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @inject(Clock) private readonly clock: Clock,
    @inject(PayConfig) private readonly config: PayConfig,
  ) {}

  async execute({ orderId }: SettleUnpaidOrderCommand): Promise<SettlementOutcome> {
    const order = await this.orders.findById(orderId);
    if (!order || order.status !== OrderStatus.UNPAID) return 'NOT_UNPAID';
    const attempts = await this.orders.listPaymentAttempts(orderId);

    // Every paid attempt is applied, not only the first: a second payment is owed back (PAID_TWICE).
    let found: SettlementOutcome | null = null;
    let paying = false;
    for (const attempt of attempts) {
      const trade = await this.payments.queryTrade(attempt.outTradeNo);
      if (trade.state === 'SUCCESS') {
        const applied = await this.apply(trade);
        found ??= applied;
      } else if (trade.state === 'USERPAYING') paying = true;
    }
    if (found) return found;
    if (paying) return 'PAYING';

    const now = this.clock.now();
    if (!isPastPayDeadline(order.createTime, this.config.orderPayTimeoutSeconds, now)) return 'STILL_UNPAID';
    if (attempts.some((attempt) => now.getTime() - attempt.createdAt.getTime() < CLOSE_NOT_BEFORE_MS)) {
      return 'CLOSE_LATER';
    }
    for (const attempt of attempts) {
      const paidMeanwhile = await this.closeAtWeChat(attempt);
      if (paidMeanwhile) return paidMeanwhile.state === 'SUCCESS' ? this.apply(paidMeanwhile) : 'PAYING';
    }

    return this.unitOfWork.run(async ({ orders, stock }) => {
      if (!(await orders.transition(orderId, OrderStatus.UNPAID, OrderStatus.CLOSED))) return 'NOT_UNPAID';
      if (order.stockReserved) await stock.release(order.lines);
      else await stock.releaseHolds(order.id, order.lines);
      return 'CLOSED';
    });
  }

  /** Closes one trade; when WeChat says it was paid in the meantime, answers what it was paid with. */
  private async closeAtWeChat(attempt: PaymentAttempt): Promise<TradeQuery | null> {
    try {
      await this.payments.closeTrade(attempt.outTradeNo);
      return null;
    } catch (error) {
      if (!(error instanceof PaymentGatewayError)) throw error;
      if (error.reason === 'ORDERCLOSED') return null;
      if (error.reason === 'ORDERPAID') return this.payments.queryTrade(attempt.outTradeNo);
      throw error;
    }
  }

  private async apply(trade: TradeQuery): Promise<SettlementOutcome> {
    if (trade.transactionId === undefined || trade.totalFee === undefined) {
      throw new PaymentGatewayError('INVALID_RESPONSE', `a paid trade ${trade.outTradeNo} came without its transaction or amount`);
    }
    const result = await this.applyPayment.execute({
      outTradeNo: trade.outTradeNo,
      transactionId: trade.transactionId,
      totalFee: trade.totalFee,
      resultCode: 'SUCCESS',
      paidAt: trade.paidAt ?? null,
    });
    if (result.outcome === 'DUPLICATE' || result.outcome === 'ALREADY_SETTLED') return 'NOT_UNPAID';
    if (result.outcome === 'UNKNOWN_ORDER' || result.outcome === 'PAYMENT_FAILED') return 'STILL_UNPAID';
    return result.outcome;
  }
}
