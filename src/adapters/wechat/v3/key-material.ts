/**
 * Key material from settings: each value is PEM text or the path of a PEM file.
 *
 *   loadPrivateKey(env.WECHAT_PAY_PRIVATE_KEY, 'WECHAT_PAY_PRIVATE_KEY')  → KeyObject (RSA private)
 *   loadPublicKey(env.WECHAT_PAY_PUBLIC_KEY, 'WECHAT_PAY_PUBLIC_KEY')     → KeyObject (RSA public)
 *   loadCertificate(pemOrPath, name)                                      → X509Certificate
 *
 * Errors name the setting and never echo its value: a value that is not a path may be a key
 * pasted without its BEGIN line, and an error message ends up in logs.
 */
import { type KeyObject, X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The PEM text a setting holds or names. Literal `\n` escapes (one-line env files) become newlines. */
export function readPemSetting(value: string, name: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new Error(`${name} is empty: give PEM text or the path of a PEM file`);
  // PEM text, possibly after openssl's "Bag Attributes" lines; anything else is a path.
  if (trimmed.includes('-----BEGIN ')) return trimmed.includes('\n') ? trimmed : trimmed.replace(/\\n/g, '\n');
  let text: string;
  try {
    text = readFileSync(trimmed, 'utf8');
  } catch {
    throw new Error(`${name} is neither PEM text nor the path of a readable file`);
  }
  if (!text.includes('-----BEGIN ')) throw new Error(`${name} names a file that holds no PEM block`);
  return text;
}

export function loadPrivateKey(value: string, name: string): KeyObject {
  const pem = readPemSetting(value, name);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new Error(`${name} is not a PEM private key (expected the merchant's apiclient_key.pem)`);
  }
  return requireRsa(key, name);
}

/** A PUBLIC KEY block (WeChat Pay's pub_key.pem) or a certificate, whose key is taken. */
export function loadPublicKey(value: string, name: string): KeyObject {
  const pem = readPemSetting(value, name);
  let key: KeyObject;
  try {
    key = pem.includes('-----BEGIN CERTIFICATE-----') ? new X509Certificate(pem).publicKey : createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new Error(`${name} is not a PEM public key (expected WeChat Pay's pub_key.pem)`);
  }
  return requireRsa(key, name);
}

export function loadCertificate(value: string, name: string): X509Certificate {
  const pem = readPemSetting(value, name);
  try {
    return new X509Certificate(pem);
  } catch {
    throw new Error(`${name} is not a PEM certificate`);
  }
}

/** WeChat Pay v3 signs with RSA only (WECHATPAY2-SHA256-RSA2048). */
function requireRsa(key: KeyObject, name: string): KeyObject {
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`${name} must be an RSA key, not ${key.asymmetricKeyType ?? 'unknown'}`);
  return key;
}
