/** The v3 JSON of a trade and of a refund, shared by the API answers and the notification resources. */
import type { SandboxMerchant } from '../sandbox-merchant.js';
import type { SandboxOrder, SandboxRefund, SandboxRefundStatus } from '../sandbox-orders.js';

/** The book keeps refund statuses in v2's words; v3 says ABNORMAL and CLOSED. */
export const V3_REFUND_STATUS: Record<SandboxRefundStatus, string> = {
  PROCESSING: 'PROCESSING',
  SUCCESS: 'SUCCESS',
  CHANGE: 'ABNORMAL',
  REFUNDCLOSE: 'CLOSED',
};

const TRADE_STATE_DESC: Record<SandboxOrder['state'], string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  PAYERROR: '支付失败',
  CLOSED: '订单已关闭',
};

/** `yyyyMMddHHmmss` (or `yyyy-MM-dd HH:mm:ss`) China time as RFC 3339 with +08:00. */
export function chinaRfc3339(text: string): string {
  const digits = text.replace(/[^0-9]/g, '');
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}T${digits.slice(8, 10)}:${digits.slice(10, 12)}:${digits.slice(12, 14)}+08:00`;
}

/** A trade as the v3 query answers it and the payment notification carries it; `paid` overrides for a probe. */
export function transactionOf(merchant: SandboxMerchant, order: SandboxOrder, paid?: { transactionId: string; timeEnd: string }): Record<string, unknown> {
  const success = paid ?? (order.state === 'SUCCESS' && order.transactionId && order.timeEnd ? { transactionId: order.transactionId, timeEnd: order.timeEnd } : null);
  const total = Number(order.totalFee);
  return {
    appid: merchant.appId,
    mchid: merchant.mchId,
    out_trade_no: order.outTradeNo,
    ...(success ? { transaction_id: success.transactionId, trade_type: 'JSAPI', bank_type: 'OTHERS', success_time: chinaRfc3339(success.timeEnd) } : {}),
    trade_state: success ? 'SUCCESS' : order.state,
    trade_state_desc: TRADE_STATE_DESC[success ? 'SUCCESS' : order.state],
    attach: '',
    payer: { openid: order.openid },
    amount: success ? { total, payer_total: total, currency: 'CNY', payer_currency: 'CNY' } : { total, currency: 'CNY' },
  };
}

/** A refund as the v3 refund API answers it. */
export function refundOf(refund: SandboxRefund): Record<string, unknown> {
  const total = Number(refund.totalFee);
  const amount = Number(refund.refundFee);
  return {
    refund_id: refund.refundId,
    out_refund_no: refund.outRefundNo,
    transaction_id: refund.transactionId,
    out_trade_no: refund.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    ...(refund.successTime ? { success_time: chinaRfc3339(refund.successTime) } : {}),
    create_time: chinaRfc3339(refund.createdAt),
    status: V3_REFUND_STATUS[refund.status],
    funds_account: 'AVAILABLE',
    amount: {
      total,
      refund: amount,
      payer_total: total,
      payer_refund: amount,
      settlement_refund: amount,
      settlement_total: total,
      discount_refund: 0,
      currency: 'CNY',
    },
  };
}

/** The decrypted resource of a refund notification (it names the mchid, not the appid). */
export function refundResourceOf(merchant: SandboxMerchant, refund: SandboxRefund): Record<string, unknown> {
  return {
    mchid: merchant.mchId,
    out_trade_no: refund.outTradeNo,
    transaction_id: refund.transactionId,
    out_refund_no: refund.outRefundNo,
    refund_id: refund.refundId,
    refund_status: V3_REFUND_STATUS[refund.status],
    ...(refund.successTime ? { success_time: chinaRfc3339(refund.successTime) } : {}),
    user_received_account: '支付用户零钱',
    amount: { total: Number(refund.totalFee), refund: Number(refund.refundFee), payer_total: Number(refund.totalFee), payer_refund: Number(refund.refundFee) },
  };
}
