import type { VerifiedPaymentNotification } from '../../application/index.js';
import { parseChinaTime } from '../system/china-time.js';
import { isSignType, verifySignature } from './sign.js';
import type { WeChatConfig } from './wechat.config.js';
import { type XmlFields, buildXmlMessage, parseXmlMessage } from './xml.js';

export type NotificationRejectionReason =
  | 'BAD_XML'
  | 'NO_SIGNATURE'
  | 'BAD_SIGN_TYPE'
  | 'BAD_SIGNATURE'
  | 'WRONG_APPID'
  | 'WRONG_MCH_ID'
  | 'NOT_A_PAYMENT'
  | 'MISSING_FIELD'
  | 'BAD_AMOUNT';

/** A notification that must not reach the use case; answer it with `answerXml(false, reason)`. */
export class NotificationRejected extends Error {
  constructor(readonly reason: NotificationRejectionReason, message: string) {
    super(message);
    this.name = 'NotificationRejected';
  }
}

export type NotificationConfig = Pick<WeChatConfig, 'appId' | 'mchId'> & { readonly payKey: string };

/**
 * Parses and verifies WeChat Pay's payment notification. The signature is checked for every
 * message, whatever its return_code: an unsigned "FAIL" must not be a way past the check.
 */
export function decodePaymentNotification(rawBody: string, config: NotificationConfig): VerifiedPaymentNotification {
  let fields: XmlFields;
  try {
    fields = parseXmlMessage(rawBody);
  } catch (error) {
    throw new NotificationRejected('BAD_XML', (error as Error).message);
  }
  if (!fields.sign) throw new NotificationRejected('NO_SIGNATURE', 'the notification carries no sign');
  const signType = fields.sign_type || 'MD5';
  if (!isSignType(signType)) throw new NotificationRejected('BAD_SIGN_TYPE', `unknown sign_type "${signType}"`);
  if (!verifySignature(fields, config.payKey, signType)) {
    throw new NotificationRejected('BAD_SIGNATURE', `the ${signType} signature does not verify`);
  }
  if (fields.return_code !== 'SUCCESS') {
    throw new NotificationRejected('NOT_A_PAYMENT', `return_code ${fields.return_code ?? 'missing'}: ${fields.return_msg ?? ''}`);
  }
  if (fields.appid !== config.appId) throw new NotificationRejected('WRONG_APPID', `appid "${fields.appid ?? ''}" is not ours`);
  if (fields.mch_id !== config.mchId) throw new NotificationRejected('WRONG_MCH_ID', `mch_id "${fields.mch_id ?? ''}" is not ours`);

  const resultCode = fields.result_code;
  if (resultCode !== 'SUCCESS' && resultCode !== 'FAIL') throw missing('result_code');
  const outTradeNo = fields.out_trade_no;
  // WeChat's own formats (String(32) each): anything else is not WeChat's and would not fit our columns.
  if (!outTradeNo || !OUT_TRADE_NO.test(outTradeNo)) throw missing('out_trade_no');
  const totalFee = canonicalFen(fields.total_fee);
  const transactionId = fields.transaction_id;
  if (resultCode === 'SUCCESS' && !transactionId) throw missing('transaction_id');
  if (transactionId !== undefined && !TRANSACTION_ID.test(transactionId)) throw missing('transaction_id');
  return {
    outTradeNo,
    // A failed result is recorded under its own key (it may have no transaction id): the trade can
    // still be paid, under the same transaction id, and that payment must not read as a duplicate.
    transactionId: resultCode === 'SUCCESS' && transactionId ? transactionId : `FAIL:${transactionId ?? outTradeNo}`,
    totalFee,
    resultCode,
    paidAt: resultCode === 'SUCCESS' && fields.time_end ? parseChinaTime(fields.time_end) : null,
  };
}

/** The body WeChat expects back: SUCCESS stops its retries, FAIL asks for them. */
export function answerXml(success: boolean, message?: string): string {
  return buildXmlMessage({
    return_code: success ? 'SUCCESS' : 'FAIL',
    return_msg: message ?? (success ? 'OK' : 'FAIL'),
  });
}

const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{1,32}$/;
const TRANSACTION_ID = /^[0-9A-Za-z_-]{1,32}$/;

function missing(name: string): NotificationRejected {
  return new NotificationRejected('MISSING_FIELD', `the notification has no valid ${name}`);
}

/** total_fee as WeChat writes it: a positive integer of fen, no sign, no leading zero, no decimals. */
function canonicalFen(text: string | undefined): number {
  if (text === undefined || !/^[1-9][0-9]{0,15}$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new NotificationRejected('BAD_AMOUNT', `total_fee "${text ?? ''}" is not a positive integer of fen`);
  }
  return Number(text);
}

/** `decode` and `answer` bound to our merchant, the shape the notify route takes. */
export function paymentNotificationCodec(config: NotificationConfig) {
  return {
    decode: (rawXml: string): VerifiedPaymentNotification => decodePaymentNotification(rawXml, config),
    answer: answerXml,
  };
}
