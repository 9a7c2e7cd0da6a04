import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random nonce_str of WeChat's usual 32 alphanumerics. */
export function randomNonce(length = 32): string {
  // 248 is the largest multiple of 62 under 256: rejecting bytes above it keeps the draw uniform.
  let nonce = '';
  while (nonce.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && nonce.length < length) nonce += ALPHABET[byte % 62];
    }
  }
  return nonce;
}
