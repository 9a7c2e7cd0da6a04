import { formatChinaTime, parseChinaTime } from '../src/adapters/system/china-time.js';
import { sign } from '../src/adapters/wechat/sign.js';
import { buildXmlMessage } from '../src/adapters/wechat/xml.js';
import type { Delivery, DeliveryKind, Notifier } from './notifier.js';
import { SandboxControlError, type SandboxMerchant } from './sandbox-merchant.js';
import type { SandboxOrder, SandboxOrders } from './sandbox-orders.js';
import type { SeededRandom } from './seeded-random.js';

export interface OrderRef {
  readonly outTradeNo?: string;
  readonly prepayId?: string;
}

export interface PayOptions {
  /** false: WeChat's notification is lost, only orderquery learns of the payment. */
  readonly notify?: boolean;
  /** Pays even a closed order, as when the user paid in the instant the shop closed it. */
  readonly force?: boolean;
}

export interface PaymentOutcome {
  readonly outTradeNo: string;
  readonly prepayId: string;
  readonly tradeState: SandboxOrder['state'];
  readonly transactionId: string | null;
  readonly notificationId: number;
}

/** The user's side of the sandbox: paying, and the notifications WeChat sends about it. */
export class SandboxPayments {
  constructor(
    private readonly merchant: SandboxMerchant,
    private readonly orders: SandboxOrders,
    private readonly notifier: Notifier,
    private readonly random: SeededRandom,
    private readonly now: () => Date,
  ) {}

  pay(ref: OrderRef, result: 'SUCCESS' | 'FAIL' = 'SUCCESS', options: PayOptions = {}): PaymentOutcome {
    const order = this.find(ref);
    if (order.state === 'SUCCESS') throw new SandboxControlError(409, 'ORDERPAID', `${order.outTradeNo} is already paid`);
    if (order.state === 'CLOSED' && !options.force) {
      throw new SandboxControlError(409, 'ORDERCLOSED', `${order.outTradeNo} is closed (force pays it anyway)`);
    }
    const expires = order.timeExpire ? parseChinaTime(order.timeExpire) : null;
    if (expires && expires.getTime() <= this.now().getTime() && !options.force) {
      throw new SandboxControlError(409, 'ORDER_EXPIRED', `${order.outTradeNo} expired at ${order.timeExpire} (China time)`);
    }
    if (result === 'SUCCESS') {
      order.state = 'SUCCESS';
      order.transactionId = `420000${formatChinaTime(this.now()).slice(0, 8)}${this.random.digits(14)}`;
      order.timeEnd = formatChinaTime(this.now());
    } else {
      order.state = 'PAYERROR';
    }
    const delivery = this.notify(order, 'PAYMENT', 0, options.notify === false);
    return {
      outTradeNo: order.outTradeNo,
      prepayId: order.prepayId,
      tradeState: order.state,
      transactionId: order.transactionId,
      notificationId: delivery.id,
    };
  }

  /** The same notification again, as WeChat's several servers do; `afterSeconds` is scaled like retries. */
  notifyAgain(ref: OrderRef, kind: 'DUPLICATE' | 'LATE', afterSeconds = 0): Delivery {
    const order = this.find(ref);
    if (order.state !== 'SUCCESS' && order.state !== 'PAYERROR') {
      throw new SandboxControlError(409, 'NOT_PAID', `${order.outTradeNo} has no payment to notify about yet`);
    }
    return this.notify(order, kind, afterSeconds);
  }

  private notify(order: SandboxOrder, kind: DeliveryKind, afterSeconds = 0, lost = false): Delivery {
    return this.notifier.send(
      {
        kind,
        outTradeNo: order.outTradeNo,
        transactionId: order.transactionId,
        notifyUrl: order.notifyUrl,
        body: this.notificationXml(order),
      },
      afterSeconds,
      lost,
    );
  }

  private notificationXml(order: SandboxOrder): string {
    const paid = order.state === 'SUCCESS';
    const fields: Record<string, string> = {
      return_code: 'SUCCESS',
      return_msg: 'OK',
      appid: this.merchant.appId,
      mch_id: this.merchant.mchId,
      nonce_str: this.random.alphanumeric(32),
      result_code: paid ? 'SUCCESS' : 'FAIL',
      openid: order.openid,
      is_subscribe: 'N',
      trade_type: 'JSAPI',
      bank_type: 'OTHERS',
      total_fee: order.totalFee,
      fee_type: 'CNY',
      out_trade_no: order.outTradeNo,
      ...(paid
        ? { cash_fee: order.totalFee, transaction_id: order.transactionId ?? '', time_end: order.timeEnd ?? '' }
        : { err_code: 'NOTENOUGH', err_code_des: '用户余额不足' }),
      // WeChat signs notifications the way the merchant signed its order; MD5 goes unnamed.
      ...(order.signType === 'HMAC-SHA256' ? { sign_type: 'HMAC-SHA256' } : {}),
    };
    fields.sign = sign(fields, this.merchant.payKey, order.signType);
    return buildXmlMessage(fields);
  }

  private find(ref: OrderRef): SandboxOrder {
    if (!ref.outTradeNo && !ref.prepayId) throw new SandboxControlError(400, 'MISSING_ORDER', 'give out_trade_no or prepay_id');
    const order = this.orders.findBy(ref);
    if (!order) {
      throw new SandboxControlError(404, 'ORDERNOTEXIST', `no unified order ${ref.outTradeNo ?? ref.prepayId}`);
    }
    return order;
  }
}
