import { ConfigError } from '../src/config-error.js';
import type { SandboxMerchant } from './sandbox-merchant.js';

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
 * credentials, passed to the shop like any other configuration.
 */
export function shopEnvFor(url: string, merchant: SandboxMerchant = SANDBOX_CREDENTIALS): Record<string, string> {
  return {
    WECHAT_PAY_API_BASE: url,
    WECHAT_API_BASE: url,
    WECHAT_APP_ID: merchant.appId,
    WECHAT_APP_SECRET: merchant.appSecret,
    WECHAT_MCH_ID: merchant.mchId,
    WECHAT_PAY_KEY: merchant.payKey,
  };
}
