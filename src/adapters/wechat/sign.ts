import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The two signature algorithms of WeChat Pay API v2. */
export type SignType = 'MD5' | 'HMAC-SHA256';

export function isSignType(value: unknown): value is SignType {
  return value === 'MD5' || value === 'HMAC-SHA256';
}

export type SignableFields = Readonly<Record<string, string | number | undefined | null>>;

/**
 * `k=v&k=v` over every non-empty field except `sign`, names in ASCII order, no URL-encoding:
 * WeChat's "stringA".
 */
export function canonicalString(fields: SignableFields): string {
  return Object.keys(fields)
    .filter((name) => name !== 'sign')
    .filter((name) => {
      const value = fields[name];
      return value !== undefined && value !== null && String(value) !== '';
    })
    .sort() // code-unit order, which is ASCII order for WeChat's field names
    .map((name) => `${name}=${String(fields[name])}`)
    .join('&');
}

/** The uppercase hex signature of `fields` with the merchant key. */
export function sign(fields: SignableFields, key: string, signType: SignType = 'MD5'): string {
  const stringSignTemp = `${canonicalString(fields)}&key=${key}`;
  const digest =
    signType === 'MD5'
      ? createHash('md5').update(stringSignTemp, 'utf8').digest('hex')
      : createHmac('sha256', key).update(stringSignTemp, 'utf8').digest('hex');
  return digest.toUpperCase();
}

/** True when `fields.sign` is the signature of the other fields; compared in constant time. */
export function verifySignature(fields: SignableFields, key: string, signType: SignType): boolean {
  const received = fields.sign;
  if (typeof received !== 'string' || received === '') return false;
  return signaturesEqual(received.toUpperCase(), sign(fields, key, signType));
}

export function signaturesEqual(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // The length of a signature is public (32 or 64); only its content must not leak through timing.
  return a.length === b.length && timingSafeEqual(a, b);
}
