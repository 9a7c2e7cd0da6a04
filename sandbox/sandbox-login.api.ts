import { createHash } from 'node:crypto';
import type { SandboxMerchant } from './sandbox-merchant.js';

export type Jscode2SessionAnswer =
  | { openid: string; session_key: string }
  | { errcode: number; errmsg: string };

/**
 * `/sns/jscode2session`: a code `code-<name>` logs in the user `<name>` with an openid derived from
 * the appid and name, so the same name is the same user on every run; `err-<errcode>` answers that errcode.
 */
export function jscode2session(merchant: SandboxMerchant, query: Record<string, string | undefined>): Jscode2SessionAnswer {
  if (query.appid !== merchant.appId) return { errcode: 40013, errmsg: 'invalid appid' };
  if (query.secret !== merchant.appSecret) return { errcode: 40125, errmsg: 'invalid appsecret' };
  if (query.grant_type !== 'authorization_code') return { errcode: 40002, errmsg: 'invalid grant_type' };
  const code = query.js_code ?? '';
  const forced = /^err-(-?[0-9]{1,6})$/.exec(code);
  if (forced) {
    const errcode = Number(forced[1]);
    return { errcode, errmsg: ERRMSG[errcode] ?? 'sandbox error' };
  }
  const login = /^code-(.{1,64})$/.exec(code);
  if (!login) return { errcode: 40029, errmsg: ERRMSG[40029]! };
  return { openid: openidOf(merchant, login[1]!), session_key: digestOf(merchant, 'session', login[1]!).subarray(0, 16).toString('base64') };
}

/** The openid of the user `code-<name>` logs in. */
export function openidOf(merchant: SandboxMerchant, name: string): string {
  return `o${digestOf(merchant, 'openid', name).toString('base64url').slice(0, 27)}`;
}

function digestOf(merchant: SandboxMerchant, label: string, name: string): Buffer {
  return createHash('sha256').update(`${label}:${merchant.appId}:${name}`).digest();
}

const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40029: 'invalid code',
  40163: 'code been used',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  40226: 'high risk user',
};
