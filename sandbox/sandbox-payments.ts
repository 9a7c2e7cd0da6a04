import { formatChinaTime } from '../src/adapters/system/china-time.js';
import type { MessagesByProtocol } from './notification-messages.js';
import type { Delivery, DeliveryKind, Notifier, SignWith } from './notifier.js';
import { SandboxControlError } from './sandbox-merchant.js';
import { type SandboxOrder, type SandboxOrders, expiryOf } from './sandbox-orders.js';
import type { SeededRandom } from './seeded-random.js';

export interface OrderRef {
  readonly outTradeNo?: string;
  readonly prepayId?: string;
}

export interface NotifyOptions {
  /** v3 only: sign this message with that key, whatever the merchant's mode (the switch-over, or a wrong-key test). */
  readonly signWith?: SignWith;
}

export interface PayOptions extends NotifyOptions {
  /** false: WeChat's notification is lost, only the order query learns of the payment. */
  readonly notify?: boolean;
  /** Pays even a closed order, as when the user paid in the instant the shop closed it. */
  readonly force?: boolean;
}

export interface PaymentOutcome {
  readonly outTradeNo: string;
  readonly prepayId: string;
  readonly tradeState: SandboxOrder['state'];
  readonly transactionId: string | null;
  /** null when nothing is sent: v3 notifies successful payments only. */
  readonly notificationId: number | null;
}

/** The user's side of the sandbox: paying, and the notifications WeChat sends about it, in the order's protocol. */
export class SandboxPayments {
  constructor(
    private readonly orders: SandboxOrders,
    private readonly notifier: Notifier,
    private readonly messages: MessagesByProtocol,
    private readonly random: SeededRandom,
    private readonly now: () => Date,
  ) {}

  pay(ref: OrderRef, result: 'SUCCESS' | 'FAIL' = 'SUCCESS', options: PayOptions = {}): PaymentOutcome {
    const order = this.find(ref);
    if (order.state === 'SUCCESS') throw new SandboxControlError(409, 'ORDERPAID', `${order.outTradeNo} is already paid`);
    if (order.state === 'CLOSED' && !options.force) {
      throw new SandboxControlError(409, 'ORDERCLOSED', `${order.outTradeNo} is closed (force pays it anyway)`);
    }
    const expires = expiryOf(order);
    if (expires && expires.getTime() <= this.now().getTime() && !options.force) {
      throw new SandboxControlError(409, 'ORDER_EXPIRED', `${order.outTradeNo} expired at ${order.timeExpire}`);
    }
    if (result === 'SUCCESS') {
      order.state = 'SUCCESS';
      order.transactionId = `420000${formatChinaTime(this.now()).slice(0, 8)}${this.random.digits(14)}`;
      order.timeEnd = formatChinaTime(this.now());
    } else {
      order.state = 'PAYERROR';
    }
    const delivery = this.notify(order, 'PAYMENT', 0, options.notify === false, options);
    return {
      outTradeNo: order.outTradeNo,
      prepayId: order.prepayId,
      tradeState: order.state,
      transactionId: order.transactionId,
      notificationId: delivery?.id ?? null,
    };
  }

  /** The same notification again, as WeChat's several servers do; `afterSeconds` is scaled like retries. */
  notifyAgain(ref: OrderRef, kind: 'DUPLICATE' | 'LATE', afterSeconds = 0, options: NotifyOptions = {}): Delivery {
    const order = this.find(ref);
    const delivery = order.state === 'SUCCESS' || order.state === 'PAYERROR' ? this.notify(order, kind, afterSeconds, false, options) : null;
    if (!delivery) throw new SandboxControlError(409, 'NOT_PAID', `${order.outTradeNo} has no payment to notify about (v3 notifies successes only)`);
    return delivery;
  }

  /**
   * WeChat's `WECHATPAY/SIGNTEST/` probe (v3 orders): a notification claiming the order paid, with
   * a signature that is never valid, sent once. A shop that checks signatures answers 4xx/5xx.
   */
  probe(ref: OrderRef, options: NotifyOptions = {}): Delivery {
    const order = this.find(ref);
    const body = this.messages[order.protocol].probe?.(order);
    if (!body) throw new SandboxControlError(409, 'NOT_V3', `${order.outTradeNo} is a v2 order: SIGNTEST probes are v3 notifications`);
    return this.notifier.send({ ...this.draft(order, 'SIGNTEST', options), body });
  }

  find(ref: OrderRef): SandboxOrder {
    if (!ref.outTradeNo && !ref.prepayId) throw new SandboxControlError(400, 'MISSING_ORDER', 'give out_trade_no or prepay_id');
    const order = this.orders.findBy(ref);
    if (!order) {
      throw new SandboxControlError(404, 'ORDERNOTEXIST', `no unified order ${ref.outTradeNo ?? ref.prepayId}`);
    }
    return order;
  }

  private notify(order: SandboxOrder, kind: DeliveryKind, afterSeconds: number, lost: boolean, options: NotifyOptions): Delivery | null {
    const body = this.messages[order.protocol].payment(order);
    return body === null ? null : this.notifier.send({ ...this.draft(order, kind, options), body }, afterSeconds, lost);
  }

  private draft(order: SandboxOrder, kind: DeliveryKind, options: NotifyOptions) {
    return {
      protocol: order.protocol,
      kind,
      outTradeNo: order.outTradeNo,
      transactionId: order.transactionId,
      notifyUrl: order.notifyUrl,
      signWith: options.signWith ?? null,
    };
  }
}
