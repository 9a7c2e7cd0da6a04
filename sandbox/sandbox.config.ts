import { fileURLToPath } from 'node:url';
import { ConfigError } from '../src/config-error.js';
import type { SandboxMerchant } from './sandbox-merchant.js';
import { SANDBOX_PUSH } from './mini-program/mp-push.js';

/**
 * The merchant the sandbox plays unless told otherwise. They open nothing anywhere: the sandbox
 * is the only server that knows them.
 */
export const SANDBOX_CREDENTIALS = {
  appId: 'wx_sandbox_app',
  appSecret: 'wx_sandbox_secret',
  mchId: '1900000109',
  /** WeChat Pay v2 keys are 32 characters. */
  payKey: 'weshopsandboxkey0123456789abcdef',
} as const;

/** How WeChat signs what it sends this merchant: `both` is WeChat's switch-over from certificates to the public key. */
export type SandboxV3Mode = 'public_key' | 'certificate' | 'both';
export const SANDBOX_V3_MODES: readonly SandboxV3Mode[] = ['public_key', 'certificate', 'both'];

/** One platform certificate the sandbox can sign with: the certificate and WeChat's private key for it (PEM paths). */
export interface SandboxPlatformCertificateFiles {
  readonly certificatePath: string;
  readonly privateKeyPath: string;
}

/**
 * The merchant's WeChat Pay v3 side. The shop needs `apiV3Key`, `mchSerial`, `privateKeyPath`
 * and, in public-key mode, `publicKeyId` + `publicKeyPath` (see shopEnvFor); the rest is WeChat's
 * own key material, which only the sandbox holds.
 */
export interface SandboxMerchantV3 {
  /** The APIv3 key: 32 bytes, encrypts notification resources and downloaded certificates. */
  readonly apiV3Key: string;
  /** How WeChat signs answers and notifications at start; `POST /sandbox/v3/mode` changes it. */
  readonly mode: SandboxV3Mode;
  /** Serial of the merchant API certificate: the serial_no the shop's Authorization must name. */
  readonly mchSerial: string;
  /** The merchant's private key (apiclient_key.pem): the shop signs with it, the sandbox checks with its public half. */
  readonly privateKeyPath: string;
  /** The WeChat Pay public key id and the pub_key.pem a merchant downloads. */
  readonly publicKeyId: string;
  readonly publicKeyPath: string;
  /** WeChat's private half of that public key: the sandbox's alone. */
  readonly publicKeySigningKeyPath: string;
  /** Platform certificates in rotation order: the first is served at start, each rotation adds the next. */
  readonly platformCertificates: readonly SandboxPlatformCertificateFiles[];
}

/** Test material only (test/fixtures/wechatpay/v3): three key pairs, merchant, platform certificate, public key. */
const fixture = (name: string) => fileURLToPath(new URL(`../test/fixtures/wechatpay/v3/${name}`, import.meta.url));

/** The v3 merchant `npm start` plays unless told otherwise: one who signed up today, in public-key mode. */
export const SANDBOX_MERCHANT_V3: SandboxMerchantV3 = {
  apiV3Key: 'weshopSandboxV3Key0123456789abcd',
  mode: 'public_key',
  mchSerial: '3775B6A45ACD588826D15E583A95F5DD10000001',
  privateKeyPath: fixture('merchant.key.pem'),
  publicKeyId: 'PUB_KEY_ID_0119000001092026112400000000000001',
  publicKeyPath: fixture('pubkey.pem'),
  publicKeySigningKeyPath: fixture('pubkey.key.pem'),
  platformCertificates: [
    { certificatePath: fixture('platform-a.cert.pem'), privateKeyPath: fixture('platform-a.key.pem') },
    { certificatePath: fixture('platform-b.cert.pem'), privateKeyPath: fixture('platform-b.key.pem') },
  ],
};

/** Where `npm start` and `npm run sandbox` serve the sandbox unless SANDBOX_PORT says otherwise. */
export const SANDBOX_DEFAULT_PORT = 3001;

/** SANDBOX_PORT: an integer from 0 (any free port) to 65535, 3001 when unset. */
export function sandboxPortFrom(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.SANDBOX_PORT?.trim();
  if (!raw) return SANDBOX_DEFAULT_PORT;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new ConfigError('SANDBOX_PORT', `must be an integer from 0 to 65535, got "${raw}"`);
  return Number(raw);
}

/**
 * The WeChat settings that point a shop at a sandbox on `url` as its merchant: both bases and the
 * credentials, passed to the shop like any other configuration. With `v3`, also the v3 settings
 * (WECHAT_PAY_API_VERSION=v3 and its keys; key material as file paths, never PEM text); the v2
 * key stays, so orders placed under v2 still settle.
 */
export function shopEnvFor(url: string, merchant: SandboxMerchant = SANDBOX_CREDENTIALS, v3?: SandboxMerchantV3): Record<string, string> {
  return {
    WECHAT_PAY_API_BASE: url,
    WECHAT_API_BASE: url,
    WECHAT_APP_ID: merchant.appId,
    WECHAT_APP_SECRET: merchant.appSecret,
    WECHAT_MCH_ID: merchant.mchId,
    WECHAT_PAY_KEY: merchant.payKey,
    // The message push the sandbox signs (and encrypts) its trade_manage_* events with.
    WECHAT_PUSH_TOKEN: SANDBOX_PUSH.token,
    WECHAT_PUSH_AES_KEY: SANDBOX_PUSH.encodingAesKey,
    ...(v3 ? shopEnvV3(v3) : {}),
  };
}

/**
 * The WECHAT_PAY_* v3 settings alone; the public key only when the merchant's mode uses it, and
 * during the switch-over (`both`) the platform certificates as well, as a merchant sets them then.
 */
export function shopEnvV3(v3: SandboxMerchantV3 = SANDBOX_MERCHANT_V3): Record<string, string> {
  return {
    WECHAT_PAY_API_VERSION: 'v3',
    WECHAT_PAY_MCH_SERIAL: v3.mchSerial,
    WECHAT_PAY_PRIVATE_KEY: v3.privateKeyPath,
    WECHAT_PAY_API_V3_KEY: v3.apiV3Key,
    ...(v3.mode === 'certificate' ? {} : { WECHAT_PAY_PUBLIC_KEY: v3.publicKeyPath, WECHAT_PAY_PUBLIC_KEY_ID: v3.publicKeyId }),
    ...(v3.mode === 'both' ? { WECHAT_PAY_PLATFORM_CERTIFICATES: 'true' } : {}),
  };
}
