import type { NotificationCodec } from '../../src/adapters/http/http.deps.js';
import type { VerifiedPaymentNotification, VerifiedRefundNotification } from '../../src/application/index.js';

/**
 * A stand-in for WeChat's signed XML in tests on memory adapters: a flat `<xml>` whose `sign`
 * must be `VALID`. The real codec and its forgery cases are tested with the WeChat adapter.
 */
export const fakeNotificationCodec: NotificationCodec = {
  decode({ body }): VerifiedPaymentNotification {
    const rawXml = body.toString('utf8');
    const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(rawXml)?.[1];
    if (field('sign') !== 'VALID') throw new Error('signature does not verify');
    const totalFee = Number(field('total_fee'));
    if (!Number.isSafeInteger(totalFee)) throw new Error('total_fee is not an integer');
    return {
      outTradeNo: field('out_trade_no') ?? '',
      transactionId: field('transaction_id') ?? '',
      totalFee,
      resultCode: field('result_code') === 'SUCCESS' ? 'SUCCESS' : 'FAIL',
      paidAt: null,
    };
  },
  answer(success: boolean, message = success ? 'OK' : 'FAIL'): string {
    return `<xml><return_code><![CDATA[${success ? 'SUCCESS' : 'FAIL'}]]></return_code><return_msg><![CDATA[${message}]]></return_msg></xml>`;
  },
};

export function fakeNotificationXml(fields: { outTradeNo: string; transactionId: string; totalFee: number; sign?: string }): string {
  return `<xml><return_code>SUCCESS</return_code><result_code>SUCCESS</result_code><out_trade_no>${fields.outTradeNo}</out_trade_no><transaction_id>${fields.transactionId}</transaction_id><total_fee>${fields.totalFee}</total_fee><sign>${fields.sign ?? 'VALID'}</sign></xml>`;
}

/** The refund counterpart: `sign` VALID stands for a `req_info` that decrypts with our key. */
export const fakeRefundNotificationCodec: NotificationCodec<VerifiedRefundNotification> = {
  decode({ body }): VerifiedRefundNotification {
    const rawXml = body.toString('utf8');
    const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(rawXml)?.[1];
    if (field('sign') !== 'VALID') throw new Error('req_info does not decrypt');
    const refundStatus = field('refund_status');
    if (refundStatus !== 'SUCCESS' && refundStatus !== 'CHANGE' && refundStatus !== 'REFUNDCLOSE') throw new Error('bad refund_status');
    return { outRefundNo: field('out_refund_no') ?? '', refundId: field('refund_id') ?? '', refundStatus };
  },
  answer: fakeNotificationCodec.answer,
};
