/** The v3 refund API on the shared refund book: POST /v3/refund/domestic/refunds and its query. */
import type { RefundRefusal, SandboxRefunds } from '../sandbox-refunds.js';
import { type Json, objectOf, paramError } from './v3-pay.api.js';
import { refundOf } from './v3-shapes.js';
import { type V3Answer, v3Error } from './v3-wire.js';

const REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;

const REFUSALS: Record<RefundRefusal, [string, string]> = {
  ORDER_NOT_FOUND: ['RESOURCE_NOT_EXISTS', '订单不存在'],
  NOT_PAID: ['INVALID_REQUEST', '订单状态错误：未支付'],
  TOTAL_MISMATCH: ['PARAM_ERROR', '订单金额与支付金额不一致'],
  AMOUNT_CHANGED: ['PARAM_ERROR', '同一笔退款单号的退款金额与之前请求不一致'],
  EXCEEDS_PAID: ['INVALID_REQUEST', '申请退款金额超过订单可退金额'],
};

export class SandboxV3RefundApi {
  constructor(
    private readonly refunds: SandboxRefunds,
    private readonly notifyUrlAllowed: (url: string) => boolean,
  ) {}

  /** No client certificate in v3: the signed Authorization is enough. Refunds start PROCESSING. */
  create(body: Json): V3Answer {
    const { out_refund_no: outRefundNo, transaction_id: transactionId, out_trade_no: outTradeNo, notify_url: notifyUrl } = body;
    const amount = objectOf(body.amount);
    if (typeof outRefundNo !== 'string' || !REFUND_NO.test(outRefundNo)) return paramError('out_refund_no 为必填，格式错误');
    if (typeof transactionId !== 'string' && typeof outTradeNo !== 'string') return paramError('transaction_id 和 out_trade_no 必须二选一');
    if (!isFen(amount.refund) || !isFen(amount.total)) return paramError('amount.refund 和 amount.total 必须是正整数（单位：分）');
    if (amount.currency !== 'CNY') return paramError('amount.currency 为必填，只支持 CNY');
    if (notifyUrl !== undefined && (typeof notifyUrl !== 'string' || !this.notifyUrlAllowed(notifyUrl))) return paramError('notify_url 不可用：沙箱只通知本机地址');
    const opened = this.refunds.open({
      protocol: 'v3',
      outRefundNo,
      transactionId: typeof transactionId === 'string' ? transactionId : undefined,
      outTradeNo: typeof outTradeNo === 'string' ? outTradeNo : undefined,
      totalFee: String(amount.total),
      refundFee: String(amount.refund),
      notifyUrl: typeof notifyUrl === 'string' && notifyUrl !== '' ? notifyUrl : null,
    });
    if ('refused' in opened) return v3Error(...REFUSALS[opened.refused]);
    return { status: 200, json: refundOf(opened.refund) };
  }

  query(outRefundNo: string): V3Answer {
    const refund = this.refunds.find(outRefundNo);
    return refund ? { status: 200, json: refundOf(refund) } : v3Error('RESOURCE_NOT_EXISTS', '退款单不存在');
  }
}

function isFen(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 && value <= 9_999_999_999;
}
