/**
 * The v3 wire as WeChat's side speaks it: checking the merchant's `Authorization`, signing every
 * answer and notification (Wechatpay-Timestamp/Nonce/Serial/Signature over `ts\nnonce\nbody\n`),
 * and error bodies `{code, message}` with the status WeChat gives each code.
 */
import { type KeyObject, randomBytes, sign as rsaSign } from 'node:crypto';
import { rsaSha256Verifies } from '../../src/adapters/wechat/v3/verifier.js';
import type { V3SigningKey } from './v3-keys.js';

/** What a v3 route answers: a status and a JSON body (none for 204). */
export interface V3Answer {
  readonly status: number;
  readonly json?: unknown;
}

export const AUTHORIZATION_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
/** WeChat's own window: requests more than five minutes off are refused. */
export const REQUEST_WINDOW_SECONDS = 300;
export const SIGNTEST_PREFIX = 'WECHATPAY/SIGNTEST/';

/** The HTTP status WeChat answers each error code with; anything else is a 403 business refusal. */
const STATUS_OF: Record<string, number> = {
  PARAM_ERROR: 400,
  INVALID_REQUEST: 400,
  APPID_MCHID_NOT_MATCH: 400,
  MCH_NOT_EXISTS: 400,
  ORDER_CLOSED: 400,
  SIGN_ERROR: 401,
  ORDER_NOT_EXIST: 404,
  RESOURCE_NOT_EXISTS: 404,
  NOT_FOUND: 404,
  FREQUENCY_LIMITED: 429,
  SYSTEM_ERROR: 500,
  SYSTEMERROR: 500,
  BIZERR_NEED_RETRY: 500,
};

const MESSAGES: Record<string, string> = {
  SYSTEM_ERROR: '系统异常，请稍后重试',
  SYSTEMERROR: '系统超时',
  FREQUENCY_LIMITED: '频率超限',
  NOT_ENOUGH: '基本账户余额不足，请充值后重新发起',
  BIZERR_NEED_RETRY: '退款业务流程错误，需要商户触发重试来解决',
};

export function v3Error(code: string, message = MESSAGES[code] ?? '沙箱注入的故障'): V3Answer {
  return { status: STATUS_OF[code] ?? 403, json: { code, message } };
}

export interface AuthorizationExpectation {
  readonly mchId: string;
  readonly mchSerial: string;
  readonly merchantKey: KeyObject;
  readonly now: Date;
}

/**
 * null when the request is the merchant's, signed over `METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n`
 * (URL = path and query exactly as received) within five minutes; else why not, for a 401 SIGN_ERROR.
 */
export function authorizationProblem(header: string | undefined, method: string, url: string, body: string, expected: AuthorizationExpectation): string | null {
  const prefix = `${AUTHORIZATION_SCHEMA} `;
  if (!header?.startsWith(prefix)) return `Authorization 缺失或认证类型不是 ${AUTHORIZATION_SCHEMA}`;
  const fields = new Map([...header.slice(prefix.length).matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1]!, match[2]!]));
  const [mchid, nonce, timestamp, serial, signature] = ['mchid', 'nonce_str', 'timestamp', 'serial_no', 'signature'].map((name) => fields.get(name));
  if (!mchid || !nonce || !timestamp || !serial || !signature) return 'Authorization 缺少 mchid、nonce_str、timestamp、serial_no 或 signature';
  if (mchid !== expected.mchId) return `商户号 ${mchid.slice(0, 32)} 不存在`;
  if (serial.toUpperCase() !== expected.mchSerial.toUpperCase()) return '商户证书序列号有误';
  if (!/^[0-9]{1,12}$/.test(timestamp)) return 'timestamp 格式错误';
  if (Math.abs(Number(timestamp) - Math.floor(expected.now.getTime() / 1000)) > REQUEST_WINDOW_SECONDS) return '请求时间戳与当前时间相差超过5分钟';
  const message = Buffer.from(`${method.toUpperCase()}\n${url}\n${timestamp}\n${nonce}\n${body}\n`, 'utf8');
  return rsaSha256Verifies(expected.merchantKey, message, signature) ? null : '签名错误，请检查签名参数和方法';
}

/** The four Wechatpay-* headers over the exact body; `probe` swaps in a WECHATPAY/SIGNTEST/ signature. */
export function wechatpayHeaders(body: string, key: V3SigningKey, now: Date, probe = false): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = randomBytes(16).toString('hex').toUpperCase();
  const signature = probe
    ? `${SIGNTEST_PREFIX}${randomBytes(48).toString('base64')}`
    : rsaSign('sha256', Buffer.from(`${timestamp}\n${nonce}\n${body}\n`, 'utf8'), key.privateKey).toString('base64');
  return { 'Wechatpay-Timestamp': timestamp, 'Wechatpay-Nonce': nonce, 'Wechatpay-Serial': key.serial, 'Wechatpay-Signature': signature };
}
