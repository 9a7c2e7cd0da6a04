/**
 * AEAD_AES_256_GCM, the encryption of notification resources and downloaded certificates.
 *
 *   decryptResource({ ciphertext, nonce, associated_data }, apiV3Key)  → the plaintext (UTF-8)
 *   encryptResource(plaintext, apiV3Key, nonce, associatedData)         → the same shape (simulators, tests)
 *
 * `ciphertext` is base64 of the encrypted bytes followed by the 16-byte tag. The key is the
 * merchant's APIv3 key as UTF-8 bytes: 32 bytes (AES-256) for every real key; a 16-byte key
 * selects AES-128, which only old test vectors use. A wrong key or any edit to the ciphertext, tag,
 * nonce or associated data throws ResourceDecryptionError.
 */
import { type CipherGCMTypes, createCipheriv, createDecipheriv } from 'node:crypto';

export const AEAD_ALGORITHM = 'AEAD_AES_256_GCM';
const TAG_BYTES = 16;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export interface EncryptedResource {
  readonly algorithm?: string;
  readonly ciphertext: string;
  readonly nonce: string;
  readonly associated_data?: string;
}

export class ResourceDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResourceDecryptionError';
  }
}

/** Throws for a key of the wrong length; the message never contains the key. */
export function aesKey(apiV3Key: string): { key: Buffer; cipher: CipherGCMTypes } {
  const key = Buffer.from(apiV3Key, 'utf8');
  if (key.length === 32) return { key, cipher: 'aes-256-gcm' };
  if (key.length === 16) return { key, cipher: 'aes-128-gcm' };
  throw new Error(`the APIv3 key must be 32 bytes, not ${key.length}`);
}

export function decryptResource(resource: EncryptedResource, apiV3Key: string): string {
  if (resource.algorithm !== undefined && resource.algorithm !== AEAD_ALGORITHM) {
    throw new ResourceDecryptionError(`unknown algorithm "${String(resource.algorithm).slice(0, 40)}"`);
  }
  const { ciphertext, nonce } = resource;
  const associatedData = resource.associated_data ?? '';
  if (typeof ciphertext !== 'string' || !BASE64.test(ciphertext) || ciphertext.length % 4 !== 0) {
    throw new ResourceDecryptionError('the ciphertext is not base64');
  }
  if (typeof nonce !== 'string' || nonce.length === 0 || Buffer.byteLength(nonce) > 64 || typeof associatedData !== 'string') {
    throw new ResourceDecryptionError('the nonce or associated data is malformed');
  }
  const bytes = Buffer.from(ciphertext, 'base64');
  if (bytes.length < TAG_BYTES) throw new ResourceDecryptionError('the ciphertext is shorter than its tag');
  const { key, cipher } = aesKey(apiV3Key);
  try {
    const decipher = createDecipheriv(cipher, key, Buffer.from(nonce, 'utf8'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new ResourceDecryptionError('the resource does not decrypt with the APIv3 key (another key, or edited on the way)');
  }
}

export function encryptResource(plaintext: string, apiV3Key: string, nonce: string, associatedData: string): Required<EncryptedResource> {
  const { key, cipher } = aesKey(apiV3Key);
  const encipher = createCipheriv(cipher, key, Buffer.from(nonce, 'utf8'), { authTagLength: TAG_BYTES });
  encipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const encrypted = Buffer.concat([encipher.update(plaintext, 'utf8'), encipher.final(), encipher.getAuthTag()]);
  return { algorithm: AEAD_ALGORITHM, ciphertext: encrypted.toString('base64'), nonce, associated_data: associatedData };
}
