import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';

/**
 * A refund notification's `req_info`: base64 of AES-256-ECB (PKCS#7) whose key is the 32 lowercase
 * hex characters of md5(merchant key), used as bytes. That is WeChat's scheme, not a choice of ours.
 */
export function refundAesKey(payKey: string): Buffer {
  return Buffer.from(createHash('md5').update(payKey, 'utf8').digest('hex'), 'utf8');
}

export function encryptReqInfo(plain: string, payKey: string): string {
  const cipher = createCipheriv('aes-256-ecb', refundAesKey(payKey), null);
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

/** Throws when the text is not base64 of whole blocks or its padding is wrong (another key). */
export function decryptReqInfo(reqInfo: string, payKey: string): string {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(reqInfo)) throw new Error('req_info is not base64');
  const decipher = createDecipheriv('aes-256-ecb', refundAesKey(payKey), null);
  return Buffer.concat([decipher.update(Buffer.from(reqInfo, 'base64')), decipher.final()]).toString('utf8');
}
