import type { VerifiedRefundNotification } from '../../application/index.js';
import { decryptReqInfo } from './refund-req-info.js';
import type { WeChatConfig } from './wechat.config.js';
import { type XmlFields, parseXmlMessage } from './xml.js';

export type RefundNotificationRejectionReason =
  | 'BAD_XML'
  | 'NOT_A_REFUND'
  | 'WRONG_APPID'
  | 'WRONG_MCH_ID'
  | 'BAD_REQ_INFO'
  | 'MISSING_FIELD';

export class RefundNotificationRejected extends Error {
  constructor(readonly reason: RefundNotificationRejectionReason, message: string) {
    super(message);
    this.name = 'RefundNotificationRejected';
  }
}

const REFUND_STATUSES = ['SUCCESS', 'CHANGE', 'REFUNDCLOSE'] as const;

/**
 * Opens WeChat's refund notification. It carries no sign: what proves it came from WeChat is that
 * `req_info` decrypts with our key into a well-formed refund result.
 */
export function decodeRefundNotification(
  rawBody: string,
  config: Pick<WeChatConfig, 'appId' | 'mchId'> & { readonly payKey: string },
): VerifiedRefundNotification {
  const outer = parse(rawBody, 'xml');
  if (outer.return_code !== 'SUCCESS') throw new RefundNotificationRejected('NOT_A_REFUND', `return_code ${outer.return_code ?? 'missing'}`);
  if (outer.appid !== config.appId) throw new RefundNotificationRejected('WRONG_APPID', `appid "${outer.appid ?? ''}" is not ours`);
  if (outer.mch_id !== config.mchId) throw new RefundNotificationRejected('WRONG_MCH_ID', `mch_id "${outer.mch_id ?? ''}" is not ours`);
  if (!outer.req_info) throw new RefundNotificationRejected('BAD_REQ_INFO', 'the notification carries no req_info');

  let plain: string;
  try {
    plain = decryptReqInfo(outer.req_info, config.payKey);
  } catch {
    throw new RefundNotificationRejected('BAD_REQ_INFO', 'req_info does not decrypt with our key');
  }
  let inner: XmlFields;
  try {
    inner = parseXmlMessage(plain, { root: 'root' });
  } catch (error) {
    throw new RefundNotificationRejected('BAD_REQ_INFO', `req_info is not a refund result: ${(error as Error).message}`);
  }
  const { out_refund_no: outRefundNo, refund_id: refundId } = inner;
  const refundStatus = REFUND_STATUSES.find((status) => status === inner.refund_status);
  if (!outRefundNo) throw missing('out_refund_no');
  if (!refundId) throw missing('refund_id');
  if (!refundStatus) throw missing('refund_status');
  return { outRefundNo, refundId, refundStatus };
}

function parse(raw: string, root: string): XmlFields {
  try {
    return parseXmlMessage(raw, { root });
  } catch (error) {
    throw new RefundNotificationRejected('BAD_XML', (error as Error).message);
  }
}

function missing(name: string): RefundNotificationRejected {
  return new RefundNotificationRejected('MISSING_FIELD', `req_info has no valid ${name}`);
}
