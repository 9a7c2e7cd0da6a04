/**
 * WeChat Pay v3's payment notification (`TRANSACTION.SUCCESS`) decoded into the same
 * VerifiedPaymentNotification the v2 codec produces, so HandlePaymentNotification takes either.
 *
 *   const notification = await decodeV3PaymentNotification({ headers, body: rawBytes }, { appId, mchId, apiV3Key, validator });
 *   const codec = v3PaymentNotificationCodec(config);  // { decode, answer, contentType }
 *
 * Throws V3NotificationRejected (answer 4xx): signature reasons, TOO_LARGE, BAD_JSON, WRONG_EVENT,
 * NOT_ENCRYPTED, BAD_RESOURCE, WRONG_MCH_ID, WRONG_APPID, MISSING_FIELD, BAD_AMOUNT. Whether the
 * amount matches the order is the use case's check (AMOUNT_MISMATCH), as in v2.
 */
import type { VerifiedPaymentNotification } from '../../../application/index.js';
import { type NotificationKeys, type NotificationRequest, V3_ANSWER_CONTENT_TYPE, V3NotificationRejected, answerV3, openNotification } from './notification.js';
import { parseRfc3339 } from './rfc3339.js';
import { clip } from './verifier.js';

export interface V3PaymentNotificationConfig extends NotificationKeys {
  readonly appId: string;
  readonly mchId: string;
}

/** WeChat's formats (string(32) each), as the v2 codec checks them. */
const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{1,32}$/;
const TRANSACTION_ID = /^[0-9A-Za-z_-]{1,32}$/;

export async function decodeV3PaymentNotification(request: NotificationRequest, config: V3PaymentNotificationConfig): Promise<VerifiedPaymentNotification> {
  const { resource: trade } = await openNotification(request, config, 'TRANSACTION.');
  if (trade.mchid !== config.mchId) throw new V3NotificationRejected('WRONG_MCH_ID', `mchid "${clip(String(trade.mchid ?? ''))}" is not ours`);
  if (trade.appid !== config.appId) throw new V3NotificationRejected('WRONG_APPID', `appid "${clip(String(trade.appid ?? ''))}" is not ours`);
  const outTradeNo = trade.out_trade_no;
  if (typeof outTradeNo !== 'string' || !OUT_TRADE_NO.test(outTradeNo)) throw missing('out_trade_no');
  if (typeof trade.trade_state !== 'string' || trade.trade_state === '') throw missing('trade_state');
  const totalFee = totalOf(trade.amount);
  const success = trade.trade_state === 'SUCCESS';
  const transactionId = trade.transaction_id;
  if (transactionId !== undefined && (typeof transactionId !== 'string' || !TRANSACTION_ID.test(transactionId))) throw missing('transaction_id');
  if (success && !transactionId) throw missing('transaction_id');
  return {
    outTradeNo,
    // As in v2: a failure is logged under its own key, so a later success is not a duplicate of it.
    transactionId: success && transactionId ? transactionId : `FAIL:${transactionId ?? outTradeNo}`,
    totalFee,
    resultCode: success ? 'SUCCESS' : 'FAIL',
    paidAt: success && typeof trade.success_time === 'string' ? parseRfc3339(trade.success_time) : null,
  };
}

/** `decode`, `answer` and the answer's content type, bound to our merchant. */
export function v3PaymentNotificationCodec(config: V3PaymentNotificationConfig) {
  return {
    decode: (request: NotificationRequest): Promise<VerifiedPaymentNotification> => decodeV3PaymentNotification(request, config),
    answer: answerV3,
    contentType: V3_ANSWER_CONTENT_TYPE,
  };
}

/** amount.total as v3 sends it: a JSON integer of fen, positive; the currency, if named, CNY. */
function totalOf(amount: unknown): number {
  const { total, currency } = (typeof amount === 'object' && amount !== null ? amount : {}) as { total?: unknown; currency?: unknown };
  if (typeof total !== 'number' || !Number.isSafeInteger(total) || total <= 0) {
    throw new V3NotificationRejected('BAD_AMOUNT', `amount.total ${clip(JSON.stringify(total) ?? 'missing')} is not a positive integer of fen`);
  }
  if (currency !== undefined && currency !== 'CNY') throw new V3NotificationRejected('BAD_AMOUNT', `amount.currency ${clip(JSON.stringify(currency))} is not CNY`);
  return total;
}

function missing(name: string): V3NotificationRejected {
  return new V3NotificationRejected('MISSING_FIELD', `the notification has no valid ${name}`);
}
