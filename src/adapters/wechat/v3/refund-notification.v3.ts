/**
 * WeChat Pay v3's refund notification (`REFUND.SUCCESS`, `REFUND.ABNORMAL`, `REFUND.CLOSED`)
 * decoded into the same VerifiedRefundNotification the v2 codec produces.
 *
 *   const notification = await decodeV3RefundNotification({ headers, body: rawBytes }, { mchId, apiV3Key, validator });
 *   const codec = v3RefundNotificationCodec(config);  // { decode, answer, contentType }
 *
 * Unlike v2's, it is signed, so it is verified like a payment notification. Its resource names
 * the mchid but no appid, so only the mchid is checked. Refusals are V3NotificationRejected.
 */
import type { VerifiedRefundNotification } from '../../../application/index.js';
import { type NotificationKeys, type NotificationRequest, V3_ANSWER_CONTENT_TYPE, V3NotificationRejected, answerV3, openNotification } from './notification.js';
import { clip } from './verifier.js';

export interface V3RefundNotificationConfig extends NotificationKeys {
  readonly mchId: string;
}

/** v3 statuses in the port's (v2) words. */
const STATUSES = new Map<unknown, VerifiedRefundNotification['refundStatus']>([
  ['SUCCESS', 'SUCCESS'],
  ['ABNORMAL', 'CHANGE'],
  ['CLOSED', 'REFUNDCLOSE'],
]);
const REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;

export async function decodeV3RefundNotification(request: NotificationRequest, config: V3RefundNotificationConfig): Promise<VerifiedRefundNotification> {
  const { resource: refund } = await openNotification(request, config, 'REFUND.');
  if (refund.mchid !== config.mchId) throw new V3NotificationRejected('WRONG_MCH_ID', `mchid "${clip(String(refund.mchid ?? ''))}" is not ours`);
  const { out_refund_no: outRefundNo, refund_id: refundId } = refund;
  if (typeof outRefundNo !== 'string' || !REFUND_NO.test(outRefundNo)) throw missing('out_refund_no');
  if (typeof refundId !== 'string' || !REFUND_NO.test(refundId)) throw missing('refund_id');
  const refundStatus = STATUSES.get(refund.refund_status);
  if (!refundStatus) throw missing('refund_status');
  return { outRefundNo, refundId, refundStatus };
}

export function v3RefundNotificationCodec(config: V3RefundNotificationConfig) {
  return {
    decode: (request: NotificationRequest): Promise<VerifiedRefundNotification> => decodeV3RefundNotification(request, config),
    answer: answerV3,
    contentType: V3_ANSWER_CONTENT_TYPE,
  };
}

function missing(name: string): V3NotificationRejected {
  return new V3NotificationRejected('MISSING_FIELD', `the refund notification has no valid ${name}`);
}
