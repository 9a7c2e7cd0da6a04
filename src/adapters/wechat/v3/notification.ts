/**
 * What every v3 notification shares: size limit, signature on the raw bytes (before anything is
 * parsed), the JSON envelope, and the AEAD_AES_256_GCM resource opened with the APIv3 key.
 * The payment and refund decoders build on `openNotification`; `answerV3` is what WeChat reads.
 *
 * WeChat reads only the status: 200/204 stops its retries; a 4xx/5xx with
 * `{"code":"FAIL","message":…}` asks for them, so anything not applied must never answer 2xx.
 */
import { ResourceDecryptionError, decryptResource } from './aead.js';
import { SignatureRejected, type SignatureRejectionReason } from './signature.error.js';
import type { HeaderBag, WechatPayValidator } from './validator.js';
import { clip } from './verifier.js';

export interface NotificationRequest {
  readonly headers: HeaderBag;
  /** The body exactly as received; a string is taken as its UTF-8 bytes. */
  readonly body: Buffer | string;
}

export type V3NotificationRejectionReason =
  | SignatureRejectionReason
  | 'TOO_LARGE'
  | 'BAD_JSON'
  | 'WRONG_EVENT'
  | 'NOT_ENCRYPTED'
  | 'BAD_RESOURCE'
  | 'WRONG_MCH_ID'
  | 'WRONG_APPID'
  | 'MISSING_FIELD'
  | 'BAD_AMOUNT';

/** A notification that must not reach a use case; answer 4xx with `answerV3(false, …)`. */
export class V3NotificationRejected extends Error {
  constructor(
    readonly reason: V3NotificationRejectionReason,
    message: string,
  ) {
    super(message);
    this.name = 'V3NotificationRejected';
  }
}

export interface NotificationKeys {
  readonly validator: WechatPayValidator;
  readonly apiV3Key: string;
  /** Defaults to MAX_NOTIFICATION_BYTES. */
  readonly maxBytes?: number;
}

/** The same limit the v2 XML notifications have; WeChat's are under 2 KB. */
export const MAX_NOTIFICATION_BYTES = 64 * 1024;
export const V3_ANSWER_CONTENT_TYPE = 'application/json';

export interface OpenedNotification {
  readonly id: string;
  readonly eventType: string;
  readonly resource: Record<string, unknown>;
}

/** Verifies, parses and decrypts; `eventPrefix` is `TRANSACTION.` or `REFUND.`. */
export async function openNotification(request: NotificationRequest, keys: NotificationKeys, eventPrefix: string): Promise<OpenedNotification> {
  const bytes = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
  const limit = keys.maxBytes ?? MAX_NOTIFICATION_BYTES;
  if (bytes.length > limit) throw new V3NotificationRejected('TOO_LARGE', `the body exceeds ${limit} bytes`);
  try {
    await keys.validator.validate(request.headers, bytes);
  } catch (error) {
    if (error instanceof SignatureRejected) throw new V3NotificationRejected(error.reason, error.message);
    throw error;
  }
  const envelope = jsonObject(bytes.toString('utf8'), 'BAD_JSON', 'the body is not a JSON object');
  const eventType = typeof envelope.event_type === 'string' ? envelope.event_type : '';
  if (!eventType.startsWith(eventPrefix)) throw new V3NotificationRejected('WRONG_EVENT', `event_type "${clip(eventType)}" is not a ${eventPrefix} event`);
  const resource = envelope.resource;
  if (envelope.resource_type !== 'encrypt-resource' || typeof resource !== 'object' || resource === null) {
    throw new V3NotificationRejected('NOT_ENCRYPTED', 'the notification carries no encrypted resource');
  }
  let plaintext: string;
  try {
    plaintext = decryptResource(resource as { ciphertext: string; nonce: string }, keys.apiV3Key);
  } catch (error) {
    if (error instanceof ResourceDecryptionError) throw new V3NotificationRejected('BAD_RESOURCE', error.message);
    throw error;
  }
  return {
    id: typeof envelope.id === 'string' ? envelope.id : '',
    eventType,
    resource: jsonObject(plaintext, 'BAD_RESOURCE', 'the decrypted resource is not a JSON object'),
  };
}

/** The body of the answer: empty for success (send 200 or 204), WeChat's FAIL object otherwise. */
export function answerV3(success: boolean, message?: string): string {
  return success ? '' : JSON.stringify({ code: 'FAIL', message: message ?? 'FAIL' });
}

function jsonObject(text: string, reason: V3NotificationRejectionReason, message: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new V3NotificationRejected(reason, message);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new V3NotificationRejected(reason, message);
  return parsed as Record<string, unknown>;
}
