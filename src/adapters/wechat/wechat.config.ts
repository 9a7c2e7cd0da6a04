import { ConfigError } from '../../config-error.js';
import { type SignType, isSignType } from './sign.js';
import { type WeChatPayV3Config, loadWeChatPayV3Config } from './v3/v3.config.js';

/** Which WeChat Pay API the shop calls (WECHAT_PAY_API_VERSION); notifications of both are taken whenever their keys are set. */
export type WeChatPayApiVersion = 'v2' | 'v3';
export const WECHAT_PAY_API_VERSIONS: readonly WeChatPayApiVersion[] = ['v2', 'v3'];

export interface WeChatConfig {
  readonly apiVersion: WeChatPayApiVersion;
  readonly appId: string;
  readonly appSecret: string;
  readonly mchId: string;
  /**
   * The merchant's API v2 key (32 characters): required for v2; under v3 optional, and when set
   * the v2 notifications of orders placed before the move still verify. Null when not set.
   */
  readonly payKey: string | null;
  readonly signType: SignType;
  readonly notifyUrl: string;
  /** Where WeChat sends refund results; null: the URL set on the merchant platform (none in the sandbox). */
  readonly refundNotifyUrl: string | null;
  /** The merchant certificate refunds need (mutual TLS on `/secapi/…`); null where no TLS is spoken. */
  readonly clientCertificate: ClientCertificate | null;
  /** Merchant API host (`/pay/unifiedorder`, …), no trailing slash. */
  readonly payApiBase: string;
  /** Mini-program API host (`/sns/jscode2session`), no trailing slash. */
  readonly apiBase: string;
  /** The API v3 keys: required for v3; under v2 optional, and when set v3 notifications verify too. */
  readonly v3: WeChatPayV3Config | null;
}

/** What the v2 client and codecs are built from: the settings with the API v2 key set. */
export type WeChatV2Config = Omit<WeChatConfig, 'apiVersion' | 'payKey' | 'v3'> & { readonly payKey: string };

/** Files WeChat Pay issues: `apiclient_cert.p12` (its password is the mch_id) or the PEM pair. */
export type ClientCertificate =
  | { readonly p12Path: string; readonly passphrase: string }
  | { readonly certPath: string; readonly keyPath: string };

export const WECHAT_PAY_API_BASE = 'https://api.mch.weixin.qq.com';
export const WECHAT_API_BASE = 'https://api.weixin.qq.com';

type Env = Record<string, string | undefined>;

/** The credentials every WeChat (or stand-in for it) knows the merchant by; v2 adds its key, v3 its own (v3/v3.config.ts). */
const CREDENTIALS = ['WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_MCH_ID'] as const;

/**
 * WeChat settings from the environment. The bases default to WeChat's own hosts; the merchant's
 * credentials are always required (WECHAT_PAY_KEY under v2, the v3 keys under v3), and so is the
 * notify URL when payments go to WeChat itself (the shop's own address, the default, is not one
 * WeChat can reach). Anything missing or malformed is a ConfigError naming the variable; key
 * material never appears in a message.
 */
export function loadWeChatConfig(env: Env, defaults: { notifyUrl: string; refundNotifyUrl?: string }): WeChatConfig {
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const version = read('WECHAT_PAY_API_VERSION') ?? 'v2';
  if (!WECHAT_PAY_API_VERSIONS.includes(version as WeChatPayApiVersion)) {
    throw new ConfigError('WECHAT_PAY_API_VERSION', `must be v2 or v3, not "${version.slice(0, 40)}"`);
  }
  const apiVersion = version as WeChatPayApiVersion;
  const signType = read('WECHAT_PAY_SIGN_TYPE') ?? 'MD5';
  if (!isSignType(signType)) throw new ConfigError('WECHAT_PAY_SIGN_TYPE', `must be MD5 or HMAC-SHA256, not "${signType}"`);
  const payApiBase = baseUrl('WECHAT_PAY_API_BASE', read('WECHAT_PAY_API_BASE') ?? WECHAT_PAY_API_BASE);
  const apiBase = baseUrl('WECHAT_API_BASE', read('WECHAT_API_BASE') ?? WECHAT_API_BASE);

  const required: string[] = [...CREDENTIALS];
  if (apiVersion === 'v2') required.push('WECHAT_PAY_KEY');
  if (isWeChatHost(payApiBase)) required.push('WECHAT_NOTIFY_URL');
  const missing = required.filter((name) => read(name) === undefined);
  if (missing.length > 0) {
    throw new ConfigError(missing.join(', '), `${missing.length > 1 ? 'are' : 'is'} not set: the merchant's credentials for ${payApiBase} and ${apiBase}`);
  }
  const credential = (name: (typeof CREDENTIALS)[number]) => read(name) ?? '';

  const payKey = read('WECHAT_PAY_KEY') ?? null;
  if (payKey !== null && payKey.length !== 32) throw new ConfigError('WECHAT_PAY_KEY', 'must be the 32-character WeChat Pay API v2 key');
  const v3 = loadWeChatPayV3Config(read, apiVersion === 'v3');
  const notifyUrl = urlSetting('WECHAT_NOTIFY_URL', read('WECHAT_NOTIFY_URL') ?? defaults.notifyUrl);
  const refundNotifyUrl = read('WECHAT_REFUND_NOTIFY_URL') ?? defaults.refundNotifyUrl ?? null;
  const mchId = credential('WECHAT_MCH_ID');
  return {
    apiVersion,
    appId: credential('WECHAT_APP_ID'),
    appSecret: credential('WECHAT_APP_SECRET'),
    mchId,
    payKey,
    signType,
    notifyUrl,
    refundNotifyUrl: refundNotifyUrl === null ? null : urlSetting('WECHAT_REFUND_NOTIFY_URL', refundNotifyUrl),
    clientCertificate: clientCertificate(read, mchId),
    payApiBase,
    apiBase,
    v3,
  };
}

function clientCertificate(read: (name: string) => string | undefined, mchId: string): ClientCertificate | null {
  const p12Path = read('WECHAT_PAY_CLIENT_P12');
  const certPath = read('WECHAT_PAY_CLIENT_CERT');
  const keyPath = read('WECHAT_PAY_CLIENT_KEY');
  if (p12Path) return { p12Path, passphrase: read('WECHAT_PAY_CLIENT_P12_PASSWORD') ?? mchId };
  if (certPath && keyPath) return { certPath, keyPath };
  if (certPath || keyPath) throw new ConfigError('WECHAT_PAY_CLIENT_CERT, WECHAT_PAY_CLIENT_KEY', 'go together: set both or neither');
  return null;
}

function urlSetting(name: string, value: string): string {
  try {
    new URL(value);
  } catch {
    throw new ConfigError(name, `is not a URL: "${value}"`);
  }
  return value;
}

function baseUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `is not a URL: "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(name, `must be http(s): "${value}"`);
  return value.replace(/\/+$/, '');
}

function isWeChatHost(base: string): boolean {
  const host = new URL(base).hostname;
  return host === 'weixin.qq.com' || host.endsWith('.weixin.qq.com');
}
