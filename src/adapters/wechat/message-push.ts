import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The wire of a mini-program's message push: the SHA-1 signature over the configured token and the
 * request's timestamp and nonce (and, in safe mode, the ciphertext), and the safe mode's AES-256-CBC
 * envelope (key from the 43-character EncodingAESKey, IV its first 16 bytes, PKCS#7 to 32 bytes,
 * plaintext = 16 random bytes, a 4-byte big-endian length, the message, the appid).
 */
export class PushMessageRejected extends Error {
  constructor(readonly reason: 'SIGNATURE' | 'STALE' | 'REPLAYED' | 'PLAIN_REFUSED' | 'CIPHERTEXT' | 'APPID' | 'MALFORMED' | 'NOT_CONFIGURED', message: string) {
    super(message);
    this.name = 'PushMessageRejected';
  }
}

export function pushSignature(...parts: readonly string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** Constant-time comparison of a presented signature with the one expected. */
export function signatureMatches(presented: string | undefined, expected: string): boolean {
  if (typeof presented !== 'string' || presented.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(presented.toLowerCase()), Buffer.from(expected));
}

/** The 32-byte key of a 43-character EncodingAESKey; null when it is not one. */
export function pushAesKey(encodingAesKey: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) return null;
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  return key.length === 32 ? key : null;
}

const BLOCK = 32;

export function encryptPushMessage(key: Buffer, appId: string, message: string, random: Buffer = randomBytes(16)): string {
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([random, length, body, Buffer.from(appId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

/** The message inside `encrypted`, checked to be for `appId`; PushMessageRejected for anything else. */
export function decryptPushMessage(key: Buffer, appId: string, encrypted: string): string {
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  } catch {
    throw new PushMessageRejected('CIPHERTEXT', 'the ciphertext does not open with the configured AES key');
  }
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > BLOCK || plain.length < 20 + pad) throw new PushMessageRejected('CIPHERTEXT', 'the ciphertext\'s padding is wrong');
  const content = plain.subarray(16, plain.length - pad);
  const length = content.readUInt32BE(0);
  if (length > content.length - 4) throw new PushMessageRejected('CIPHERTEXT', 'the message length is wrong');
  if (content.subarray(4 + length).toString('utf8') !== appId) throw new PushMessageRejected('APPID', 'the message is for another app');
  return content.subarray(4, 4 + length).toString('utf8');
}
