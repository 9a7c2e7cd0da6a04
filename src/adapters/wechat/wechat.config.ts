import { SANDBOX_CREDENTIALS, SANDBOX_DEFAULT_BASE } from './sandbox/sandbox.defaults.js';
import { type SignType, isSignType } from './sign.js';

export interface WeChatConfig {
  /** True when neither API base is configured: the in-process sandbox plays WeChat. */
  readonly sandbox: boolean;
  readonly appId: string;
  readonly appSecret: string;
  readonly mchId: string;
  /** The merchant's API v2 key (32 characters). */
  readonly payKey: string;
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
}

/** Files WeChat Pay issues: `apiclient_cert.p12` (its password is the mch_id) or the PEM pair. */
export type ClientCertificate =
  | { readonly p12Path: string; readonly passphrase: string }
  | { readonly certPath: string; readonly keyPath: string };

export const WECHAT_PAY_API_BASE = 'https://api.mch.weixin.qq.com';
export const WECHAT_API_BASE = 'https://api.weixin.qq.com';

type Env = Record<string, string | undefined>;

/**
 * WeChat settings from the environment. Neither base set: the sandbox with its documented
 * credentials. A base that points at WeChat: every credential it needs must be set.
 */
export function loadWeChatConfig(env: Env, defaults: { notifyUrl: string; refundNotifyUrl?: string }): WeChatConfig {
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const signType = read('WECHAT_PAY_SIGN_TYPE') ?? 'MD5';
  if (!isSignType(signType)) {
    throw new Error(`WECHAT_PAY_SIGN_TYPE must be MD5 or HMAC-SHA256, not "${signType}"`);
  }
  const payBaseSetting = read('WECHAT_PAY_API_BASE');
  const apiBaseSetting = read('WECHAT_API_BASE');
  const sandbox = payBaseSetting === undefined && apiBaseSetting === undefined;
  const payApiBase = baseUrl('WECHAT_PAY_API_BASE', payBaseSetting ?? (sandbox ? SANDBOX_DEFAULT_BASE : WECHAT_PAY_API_BASE));
  const apiBase = baseUrl('WECHAT_API_BASE', apiBaseSetting ?? (sandbox ? SANDBOX_DEFAULT_BASE : WECHAT_API_BASE));

  const required = new Set<string>();
  if (isWeChatHost(payApiBase)) ['WECHAT_APP_ID', 'WECHAT_MCH_ID', 'WECHAT_PAY_KEY', 'WECHAT_NOTIFY_URL'].forEach((n) => required.add(n));
  if (isWeChatHost(apiBase)) ['WECHAT_APP_ID', 'WECHAT_APP_SECRET'].forEach((n) => required.add(n));
  const missing = [...required].filter((name) => read(name) === undefined);
  if (missing.length > 0) {
    throw new Error(`WeChat is configured (${payApiBase}, ${apiBase}) but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set`);
  }

  const payKey = read('WECHAT_PAY_KEY') ?? SANDBOX_CREDENTIALS.payKey;
  if (payKey.length !== 32) throw new Error('WECHAT_PAY_KEY must be the 32-character WeChat Pay API v2 key');
  const notifyUrl = urlSetting('WECHAT_NOTIFY_URL', read('WECHAT_NOTIFY_URL') ?? defaults.notifyUrl);
  const refundNotifyUrl = read('WECHAT_REFUND_NOTIFY_URL') ?? defaults.refundNotifyUrl ?? null;
  const mchId = read('WECHAT_MCH_ID') ?? SANDBOX_CREDENTIALS.mchId;
  return {
    sandbox,
    appId: read('WECHAT_APP_ID') ?? SANDBOX_CREDENTIALS.appId,
    appSecret: read('WECHAT_APP_SECRET') ?? SANDBOX_CREDENTIALS.appSecret,
    mchId,
    payKey,
    signType,
    notifyUrl,
    refundNotifyUrl: refundNotifyUrl === null ? null : urlSetting('WECHAT_REFUND_NOTIFY_URL', refundNotifyUrl),
    clientCertificate: clientCertificate(read, mchId),
    payApiBase,
    apiBase,
  };
}

/** The same configuration with both API bases pointing at a sandbox started on `url`. */
export function withSandboxBase(config: WeChatConfig, url: string): WeChatConfig {
  const base = baseUrl('sandbox url', url);
  return { ...config, payApiBase: base, apiBase: base };
}

function clientCertificate(read: (name: string) => string | undefined, mchId: string): ClientCertificate | null {
  const p12Path = read('WECHAT_PAY_CLIENT_P12');
  const certPath = read('WECHAT_PAY_CLIENT_CERT');
  const keyPath = read('WECHAT_PAY_CLIENT_KEY');
  if (p12Path) return { p12Path, passphrase: read('WECHAT_PAY_CLIENT_P12_PASSWORD') ?? mchId };
  if (certPath && keyPath) return { certPath, keyPath };
  if (certPath || keyPath) throw new Error('WECHAT_PAY_CLIENT_CERT and WECHAT_PAY_CLIENT_KEY go together');
  return null;
}

function urlSetting(name: string, value: string): string {
  try {
    new URL(value);
  } catch {
    throw new Error(`${name} is not a URL: "${value}"`);
  }
  return value;
}

function baseUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is not a URL: "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} must be http(s): "${value}"`);
  return value.replace(/\/+$/, '');
}

function isWeChatHost(base: string): boolean {
  const host = new URL(base).hostname;
  return host === 'weixin.qq.com' || host.endsWith('.weixin.qq.com');
}
