import { parseChinaTime } from '../src/adapters/system/china-time.js';
import type { SignType } from '../src/adapters/wechat/sign.js';
import { parseRfc3339 } from '../src/adapters/wechat/v3/rfc3339.js';

/** The API an order or a refund was made through; it decides the format of its notifications. */
export type PayProtocol = 'v2' | 'v3';

/** What the sandbox remembers of one unified order (v2) or JSAPI prepay (v3): one book for both. */
export interface SandboxOrder {
  readonly protocol: PayProtocol;
  readonly outTradeNo: string;
  readonly prepayId: string;
  /** The request's fields that define the order, for the OUT_TRADE_NO_USED check. */
  readonly fingerprint: string;
  readonly openid: string;
  /** Fen, as v2 writes it. */
  readonly totalFee: string;
  readonly notifyUrl: string;
  /** v2: how the merchant signed, and so how its notification is signed; null for v3 (RSA). */
  readonly signType: SignType | null;
  /** As the merchant sent it: `yyyyMMddHHmmss` China time (v2) or RFC 3339 (v3). */
  readonly timeExpire: string | null;
  state: 'NOTPAY' | 'SUCCESS' | 'PAYERROR' | 'CLOSED';
  transactionId: string | null;
  /** `yyyyMMddHHmmss` China time, whichever the protocol. */
  timeEnd: string | null;
}

export type SandboxRefundStatus = 'PROCESSING' | 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE';

/** One refund, its status in v2's words (v3 says ABNORMAL for CHANGE and CLOSED for REFUNDCLOSE). */
export interface SandboxRefund {
  readonly protocol: PayProtocol;
  readonly outRefundNo: string;
  readonly refundId: string;
  readonly outTradeNo: string;
  readonly transactionId: string;
  readonly totalFee: string;
  readonly refundFee: string;
  readonly notifyUrl: string | null;
  readonly fingerprint: string;
  /** `yyyy-MM-dd HH:mm:ss`, China time, as v2 writes refund times. */
  readonly createdAt: string;
  status: SandboxRefundStatus;
  successTime: string | null;
}

/** When an order stops being payable, or null when it never does. */
export function expiryOf(order: SandboxOrder): Date | null {
  if (!order.timeExpire) return null;
  return order.protocol === 'v3' ? parseRfc3339(order.timeExpire) : parseChinaTime(order.timeExpire);
}

export class SandboxOrders {
  private readonly byOutTradeNo = new Map<string, SandboxOrder>();

  add(order: SandboxOrder): void {
    this.byOutTradeNo.set(order.outTradeNo, order);
  }

  find(outTradeNo: string): SandboxOrder | undefined {
    return this.byOutTradeNo.get(outTradeNo);
  }

  findBy(ref: { outTradeNo?: string; prepayId?: string; transactionId?: string }): SandboxOrder | undefined {
    if (ref.outTradeNo) return this.find(ref.outTradeNo);
    return this.list().find(
      (order) =>
        (ref.prepayId !== undefined && order.prepayId === ref.prepayId) ||
        (ref.transactionId !== undefined && order.transactionId === ref.transactionId),
    );
  }

  list(): SandboxOrder[] {
    return [...this.byOutTradeNo.values()];
  }
}
