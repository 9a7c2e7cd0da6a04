import { encryptReqInfo } from '../src/adapters/wechat/refund-req-info.js';
import { sign } from '../src/adapters/wechat/sign.js';
import { buildXmlMessage } from '../src/adapters/wechat/xml.js';
import type { NotificationMessages } from './notification-messages.js';
import type { SandboxMerchant } from './sandbox-merchant.js';
import type { SandboxOrder, SandboxRefund } from './sandbox-orders.js';
import type { SeededRandom } from './seeded-random.js';

/** WeChat Pay v2 notifications: signed XML for payments, req_info encrypted with md5(key) for refunds. */
export class V2Messages implements NotificationMessages {
  constructor(
    private readonly merchant: SandboxMerchant,
    private readonly random: SeededRandom,
  ) {}

  payment(order: SandboxOrder): string {
    const paid = order.state === 'SUCCESS';
    const signType = order.signType ?? 'MD5';
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
      ...(signType === 'HMAC-SHA256' ? { sign_type: 'HMAC-SHA256' } : {}),
    };
    fields.sign = sign(fields, this.merchant.payKey, signType);
    return buildXmlMessage(fields);
  }

  refund(refund: SandboxRefund): string {
    const inner = buildXmlMessage(
      {
        transaction_id: refund.transactionId,
        out_trade_no: refund.outTradeNo,
        refund_id: refund.refundId,
        out_refund_no: refund.outRefundNo,
        total_fee: refund.totalFee,
        refund_fee: refund.refundFee,
        settlement_refund_fee: refund.refundFee,
        refund_status: refund.status,
        success_time: refund.successTime,
        refund_recv_accout: '支付用户的零钱',
        refund_account: 'REFUND_SOURCE_UNSETTLED_FUNDS',
        refund_request_source: 'API',
      },
      'root',
    );
    // Refund notifications carry no sign: req_info encrypted with md5(key) is the proof.
    return buildXmlMessage({
      return_code: 'SUCCESS',
      appid: this.merchant.appId,
      mch_id: this.merchant.mchId,
      nonce_str: this.random.alphanumeric(32),
      req_info: encryptReqInfo(inner, this.merchant.payKey),
    });
  }
}
