import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { SecretVerifier } from '../../application/index.js';

/**
 * Third-app secrets are stored as `scrypt$<saltBase64>$<keyBase64>` (32-byte key, 16-byte salt):
 * the seed writes that format, the verifier reads it.
 */
export async function hashSecret(secret: string, salt: Buffer = randomBytes(16)): Promise<string> {
  const key = await derive(secret, salt);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

/**
 * Constant-time comparison against a stored hash; false for a missing hash or anything not in the
 * scrypt format. The key is derived either way, so an unknown app costs what a known one does.
 */
export async function verifySecret(secret: string, hash: string | null): Promise<boolean> {
  const [scheme, salt, key] = (hash ?? '').split('$');
  const expected = Buffer.from(key ?? '', 'base64');
  const actual = await derive(secret, Buffer.from(salt ?? '', 'base64'));
  return scheme === 'scrypt' && expected.length === actual.length && timingSafeEqual(expected, actual);
}

export class ScryptSecretVerifier implements SecretVerifier {
  verify(secret: string, hash: string | null): Promise<boolean> {
    return verifySecret(secret, hash);
  }
}

function derive(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret, salt, 32, (error, key) => (error ? reject(error) : resolve(key))));
}
