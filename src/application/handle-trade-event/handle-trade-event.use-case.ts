import { inject, injectable } from 'inversify';
import { OrderRepository } from '../ports/order.repository.js';
import { OrderTradeLog } from '../ports/order-trade.log.js';

interface PaymentRef {
  /** WeChat's `merchant_trade_no`: the out_trade_no of the payment attempt. */
  readonly outTradeNo: string;
  readonly transactionId: string;
}

/** A message push of WeChat's shipping management, verified and decoded. */
export type TradeEvent =
  /** `trade_manage_remind_shipping`: the order is still unshipped (WeChat reminds after 48 h). */
  | (PaymentRef & { readonly kind: 'REMIND_SHIPPING'; readonly at: Date })
  /** `trade_manage_order_settlement`: receipt confirmed and money settled, as far as each is known. */
  | (PaymentRef & {
      readonly kind: 'ORDER_SETTLEMENT';
      readonly confirmedAt: Date | null;
      readonly confirmMethod: number | null;
      readonly settledAt: Date | null;
    });

export type TradeEventOutcome = 'RECORDED' | 'UNKNOWN_ORDER';

/** Records a shipping-management event on its order; events about payments the shop never made are only acknowledged. */
@injectable()
export class HandleTradeEvent {
  constructor(
    @inject(OrderRepository) private readonly orders: OrderRepository,
    @inject(OrderTradeLog) private readonly log: OrderTradeLog,
  ) {}

  async execute(event: TradeEvent): Promise<TradeEventOutcome> {
    const attempt = event.outTradeNo ? await this.orders.findPaymentAttempt(event.outTradeNo) : null;
    const order = attempt ? await this.orders.findById(attempt.orderId) : null;
    if (!order || (order.transactionId !== null && event.transactionId !== '' && order.transactionId !== event.transactionId)) {
      return 'UNKNOWN_ORDER';
    }
    if (event.kind === 'REMIND_SHIPPING') await this.log.recordReminder(order.id, event.at);
    else await this.log.recordSettlement(order.id, event);
    return 'RECORDED';
  }
}
