import { scrypt, timingSafeEqual, randomBytes } from 'node:crypto';
import type { SecretVerifier } from '../../application/index.js';

/** `scrypt$<saltBase64>$<keyBase64>`: the salted scrypt format third-app secrets are stored in. */
export function hashSecret(secret: string, salt = randomBytes(16)): Promise<string> {
  return derive(secret, salt).then((key) => `scrypt$${salt.toString('base64')}$${key.toString('base64')}`);
}

export class ScryptSecretVerifier implements SecretVerifier {
  async verify(secret: string, hash: string | null): Promise<boolean> {
    const [scheme, salt, key] = (hash ?? '').split('$');
    const expected = Buffer.from(key ?? '', 'base64');
    const actual = await derive(secret, Buffer.from(salt ?? '', 'base64'));
    return scheme === 'scrypt' && expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}

function derive(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, 32, (error, key) => (error ? reject(error) : resolve(key))),
  );
}
