/**
 * WeChat's two notification formats, told apart by content, so one notify URL takes both while a
 * merchant moves from v2 to v3: v3 is JSON signed in `Wechatpay-*` headers, v2 is XML signed
 * inside. Neither test verifies anything; the protocol's decoder does.
 *
 *   isV3Notification(headers, rawBody)   a Wechatpay-Signature header, or a body that opens with `{`
 *   isV2Notification(headers, rawBody)   no Wechatpay-Signature header and a body that opens with `<`
 *   v3RejectionStatus(error)             the status refusing a v3 notification: 401 for its signature, 413 too large, else 400
 */
import { V3NotificationRejected } from './v3/notification.js';
import type { SignatureRejectionReason } from './v3/signature.error.js';
import { type HeaderBag, WECHATPAY_SIGNATURE, headerOf } from './v3/validator.js';

const SIGNATURE_REASONS: ReadonlySet<string> = new Set<SignatureRejectionReason>(['MISSING_HEADER', 'BAD_TIMESTAMP', 'STALE_TIMESTAMP', 'FUTURE_TIMESTAMP', 'SIGNTEST_PROBE', 'UNKNOWN_SERIAL', 'CERTIFICATE_EXPIRED', 'BAD_SIGNATURE']);

export function isV3Notification(headers: HeaderBag, body: Buffer): boolean {
  return headerOf(headers, WECHATPAY_SIGNATURE) !== undefined || firstVisibleByte(body) === 0x7b; // {
}

export function isV2Notification(headers: HeaderBag, body: Buffer): boolean {
  return headerOf(headers, WECHATPAY_SIGNATURE) === undefined && firstVisibleByte(body) === 0x3c; // <
}

/** The first byte that is not ASCII white space (or a UTF-8 byte-order mark); -1 for none. */
function firstVisibleByte(body: Buffer): number {
  let at = body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
  while (at < body.length && (body[at] === 0x20 || body[at] === 0x09 || body[at] === 0x0a || body[at] === 0x0d)) at += 1;
  return at < body.length ? (body[at] ?? -1) : -1;
}

/** WeChat only reads 2xx or not; the status tells an operator reading logs what kind of refusal it was. */
export function v3RejectionStatus(error: unknown): number {
  if (!(error instanceof V3NotificationRejected)) return 400;
  if (error.reason === 'TOO_LARGE') return 413;
  return SIGNATURE_REASONS.has(error.reason) ? 401 : 400;
}
