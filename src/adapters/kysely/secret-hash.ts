import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Third-app secrets are stored as `scrypt$<saltBase64>$<keyBase64>` (32-byte key, 16-byte salt),
 * the format ScryptSecretVerifier reads.
 */
export async function hashSecret(secret: string, salt: Buffer = randomBytes(16)): Promise<string> {
  const key = await derive(secret, salt);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Constant-time comparison against a stored hash; false for anything not in the scrypt format. */
export async function verifySecret(secret: string, hash: string): Promise<boolean> {
  const [scheme, salt, key] = hash.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(secret, Buffer.from(salt, 'base64'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function derive(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret, salt, 32, (error, key) => (error ? reject(error) : resolve(key))));
}
