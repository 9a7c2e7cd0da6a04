import type {
  PaymentGateway,
  PaymentParams,
  PrepayRequest,
  RefundGateway,
  RefundQuery,
  RefundRequest,
  TradeQuery,
} from '../../application/index.js';
import { PaymentGatewayError } from '../../application/index.js';

/**
 * A payment provider in memory for use-case tests: it answers the same prepay id for the same
 * out_trade_no and parameters, OUT_TRADE_NO_USED for changed ones, and fails when told to.
 */
export class FakePaymentGateway implements PaymentGateway, RefundGateway {
  /** Refunds WeChat accepted, by out_refund_no; `settled` once the money is back. */
  readonly refunds = new Map<string, { request: RefundRequest; refundId: string; settled: boolean }>();
  readonly prepays = new Map<string, { request: PrepayRequest; prepayId: string }>();
  readonly paidTrades = new Map<string, { transactionId: string; totalFee: number }>();
  readonly closedTrades = new Set<string>();
  failNext: PaymentGatewayError | null = null;

  async prepay(request: PrepayRequest): Promise<string> {
    this.throwIfTold();
    const existing = this.prepays.get(request.outTradeNo);
    if (existing) {
      if (JSON.stringify(existing.request) !== JSON.stringify(request)) {
        throw new PaymentGatewayError('OUT_TRADE_NO_USED', `out_trade_no ${request.outTradeNo} was used`);
      }
      return existing.prepayId;
    }
    const prepayId = `wx_prepay_${this.prepays.size + 1}`;
    this.prepays.set(request.outTradeNo, { request, prepayId });
    return prepayId;
  }

  /** The payer pays a prepaid trade; answers what WeChat would notify. */
  pay(outTradeNo: string): { outTradeNo: string; transactionId: string; totalFee: number } {
    const prepay = this.prepays.get(outTradeNo);
    if (!prepay) throw new Error(`no prepay for ${outTradeNo}`);
    const paid = { transactionId: `4200${String(this.paidTrades.size + 1).padStart(8, '0')}`, totalFee: prepay.request.totalFee };
    this.paidTrades.set(outTradeNo, paid);
    return { outTradeNo, ...paid };
  }

  paymentParams(prepayId: string): PaymentParams {
    return { timeStamp: '1700000000', nonceStr: 'nonce', package: `prepay_id=${prepayId}`, signType: 'MD5', paySign: 'FAKE' };
  }

  async queryTrade(outTradeNo: string): Promise<TradeQuery> {
    this.throwIfTold();
    const paid = this.paidTrades.get(outTradeNo);
    if (paid) return { state: 'SUCCESS', outTradeNo, transactionId: paid.transactionId, totalFee: paid.totalFee };
    if (this.closedTrades.has(outTradeNo)) return { state: 'CLOSED', outTradeNo };
    return { state: this.prepays.has(outTradeNo) ? 'NOTPAY' : 'NOT_FOUND', outTradeNo };
  }

  async closeTrade(outTradeNo: string): Promise<void> {
    this.throwIfTold();
    if (this.paidTrades.has(outTradeNo)) throw new PaymentGatewayError('ORDERPAID', `${outTradeNo} is paid`);
    this.closedTrades.add(outTradeNo);
  }

  async refund(request: RefundRequest): Promise<string> {
    this.throwIfTold();
    const existing = this.refunds.get(request.outRefundNo);
    if (existing) return existing.refundId;
    const refunded = [...this.refunds.values()]
      .filter((refund) => refund.request.transactionId === request.transactionId)
      .reduce((total, refund) => total + refund.request.refundFee, 0);
    if (refunded + request.refundFee > request.totalFee) {
      throw new PaymentGatewayError('REJECTED', 'NOTENOUGH: 订单已全额退款');
    }
    const refundId = `5030${String(this.refunds.size + 1).padStart(8, '0')}`;
    this.refunds.set(request.outRefundNo, { request, refundId, settled: false });
    return refundId;
  }

  async queryRefund(outRefundNo: string): Promise<RefundQuery> {
    this.throwIfTold();
    const refund = this.refunds.get(outRefundNo);
    if (!refund) return { state: 'NOT_FOUND' };
    return { state: refund.settled ? 'SUCCESS' : 'PROCESSING', refundId: refund.refundId };
  }

  private throwIfTold(): void {
    const error = this.failNext;
    this.failNext = null;
    if (error) throw error;
  }
}
