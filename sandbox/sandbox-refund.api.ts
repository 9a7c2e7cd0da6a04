import type { XmlFields } from '../src/adapters/wechat/xml.js';
import type { RefundRefusal, SandboxRefunds } from './sandbox-refunds.js';

type Answer = Record<string, string>;

const REFUSALS: Record<RefundRefusal, [string, string]> = {
  ORDER_NOT_FOUND: ['ORDERNOTEXIST', '订单不存在'],
  NOT_PAID: ['TRADE_STATE_ERROR', '订单状态错误：未支付'],
  TOTAL_MISMATCH: ['PARAM_ERROR', '订单金额与支付金额不一致'],
  AMOUNT_CHANGED: ['PARAM_ERROR', '同一笔退款单号的退款金额与之前请求不一致'],
  EXCEEDS_PAID: ['ERROR', '累计退款金额大于支付金额'],
};

/** v2 `/secapi/pay/refund`: the answer's fields before signing (or return_code FAIL). */
export function refundV2(refunds: SandboxRefunds, fields: XmlFields, notifyUrlAllowed: (url: string) => boolean): Answer {
  for (const name of ['out_refund_no', 'total_fee', 'refund_fee']) {
    if (!fields[name]) return { return_code: 'FAIL', return_msg: `缺少参数${name}` };
  }
  if (!fields.transaction_id && !fields.out_trade_no) return { return_code: 'FAIL', return_msg: '缺少参数transaction_id' };
  const [outRefundNo, totalFee, refundFee] = [fields.out_refund_no, fields.total_fee, fields.refund_fee].map((v) => v ?? '') as [string, string, string];
  if (!/^[1-9][0-9]{0,9}$/.test(totalFee) || !/^[1-9][0-9]{0,9}$/.test(refundFee)) {
    return resultFail('PARAM_ERROR', 'total_fee 和 refund_fee 必须是正整数（单位：分）');
  }
  if (fields.notify_url && !notifyUrlAllowed(fields.notify_url)) return resultFail('PARAM_ERROR', 'notify_url 不可用：沙箱只通知本机地址');
  const opened = refunds.open({
    protocol: 'v2',
    outRefundNo,
    outTradeNo: fields.out_trade_no,
    transactionId: fields.transaction_id,
    totalFee,
    refundFee,
    notifyUrl: fields.notify_url || null,
  });
  if ('refused' in opened) return resultFail(...REFUSALS[opened.refused]);
  const { refund, order } = opened;
  return {
    transaction_id: refund.transactionId,
    out_trade_no: order.outTradeNo,
    out_refund_no: refund.outRefundNo,
    refund_id: refund.refundId,
    refund_fee: refund.refundFee,
    total_fee: refund.totalFee,
    cash_fee: order.totalFee,
  };
}

/** v2 `/pay/refundquery`: every refund of the reference, numbered as WeChat numbers them. */
export function refundQueryV2(refunds: SandboxRefunds, fields: XmlFields): Answer {
  const matches = refunds.matching({
    outRefundNo: fields.out_refund_no,
    refundId: fields.refund_id,
    outTradeNo: fields.out_trade_no,
    transactionId: fields.transaction_id,
  });
  const first = matches[0];
  if (!first) return resultFail('REFUNDNOTEXIST', '退款订单查询失败');
  const answer: Answer = {
    transaction_id: first.transactionId,
    out_trade_no: first.outTradeNo,
    total_fee: first.totalFee,
    cash_fee: first.totalFee,
    refund_count: String(matches.length),
  };
  matches.forEach((refund, n) => {
    answer[`out_refund_no_${n}`] = refund.outRefundNo;
    answer[`refund_id_${n}`] = refund.refundId;
    answer[`refund_fee_${n}`] = refund.refundFee;
    answer[`refund_status_${n}`] = refund.status;
    answer[`refund_recv_accout_${n}`] = '支付用户的零钱';
    if (refund.successTime) answer[`refund_success_time_${n}`] = refund.successTime;
  });
  return answer;
}

function resultFail(errCode: string, description: string): Answer {
  return { result_code: 'FAIL', err_code: errCode, err_code_des: description };
}
