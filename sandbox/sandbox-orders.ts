/** What the sandbox remembers of one unified order. */
export interface SandboxOrder {
  readonly outTradeNo: string;
  readonly prepayId: string;
  /** The request's fields that define the order, for the OUT_TRADE_NO_USED check. */
  readonly fingerprint: string;
  readonly openid: string;
  readonly totalFee: string;
  readonly notifyUrl: string;
  readonly signType: 'MD5' | 'HMAC-SHA256';
  readonly timeExpire: string | null;
  state: 'NOTPAY' | 'SUCCESS' | 'PAYERROR' | 'CLOSED';
  transactionId: string | null;
  timeEnd: string | null;
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
