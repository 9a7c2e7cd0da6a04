import { type KeyObject, X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A file of test/fixtures/wechatpay/v3 (test material only). */
export const fixturePath = (name: string) => fileURLToPath(new URL(`../../../../fixtures/wechatpay/v3/${name}`, import.meta.url));
export const fixtureText = (name: string) => readFileSync(fixturePath(name), 'utf8');

export const NOW = new Date('2026-11-24T12:00:00.000Z');
export const NOW_SECONDS = NOW.getTime() / 1000;
export const MCH_ID = '1900000109';
export const APP_ID = 'wx_v3_test_app';
export const API_V3_KEY = 'weshopV3TestKey0123456789abcdefX';
export const MERCHANT_SERIAL = '3775B6A45ACD588826D15E583A95F5DD10000001';

export interface SigningKey {
  readonly serial: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

function pair(name: string, serial: string): SigningKey {
  const privateKey = createPrivateKey(fixtureText(`${name}.key.pem`));
  return { serial, privateKey, publicKey: createPublicKey(privateKey) };
}

/** Signs the shop's requests; WeChat knows it by MERCHANT_SERIAL. */
export const MERCHANT = pair('merchant', MERCHANT_SERIAL);
/** The WeChat Pay public key (public-key mode). */
export const PUBKEY = pair('pubkey', 'PUB_KEY_ID_0119000001092026112400000000000001');
export const PLATFORM_A_CERT = new X509Certificate(fixtureText('platform-a.cert.pem'));
export const PLATFORM_B_CERT = new X509Certificate(fixtureText('platform-b.cert.pem'));
/** WeChat's platform certificates, before and after a rotation. */
export const PLATFORM_A = pair('platform-a', PLATFORM_A_CERT.serialNumber);
export const PLATFORM_B = pair('platform-b', PLATFORM_B_CERT.serialNumber);
/** Between platform-a's end and platform-b's: only b is valid. */
export const AFTER_A_EXPIRED = new Date('2036-07-01T00:00:00.000Z');

export const pubkeyPem = () => fixtureText('pubkey.pem');
export const merchantPem = () => fixtureText('merchant.key.pem');
export const publicKeyOf = (pem: string) => createPublicKey(pem);
