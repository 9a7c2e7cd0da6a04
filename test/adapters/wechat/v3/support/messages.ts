import { randomBytes, sign } from 'node:crypto';
import { encryptResource } from '../../../../../src/adapters/wechat/v3/index.js';
import { API_V3_KEY, APP_ID, MCH_ID, NOW_SECONDS, PUBKEY, type SigningKey } from './keys.js';

export interface SignOptions {
  readonly key?: SigningKey;
  /** Wechatpay-Serial as sent; defaults to the key's own. */
  readonly serial?: string;
  readonly timestamp?: number | string;
  readonly nonce?: string;
  /** Sent instead of the real signature. */
  readonly signature?: string;
}

/** The four Wechatpay-* headers WeChat puts on an answer or a notification, signing the exact bytes. */
export function wechatpayHeaders(body: string | Buffer, options: SignOptions = {}): Record<string, string> {
  const key = options.key ?? PUBKEY;
  const timestamp = String(options.timestamp ?? NOW_SECONDS);
  const nonce = options.nonce ?? randomBytes(16).toString('hex');
  const message = Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`), Buffer.from(body), Buffer.from('\n')]);
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Serial': options.serial ?? key.serial,
    'Wechatpay-Signature': options.signature ?? sign('sha256', message, key.privateKey).toString('base64'),
  };
}

export interface EnvelopeOptions {
  readonly eventType?: string;
  readonly apiV3Key?: string;
  readonly associatedData?: string;
  readonly nonce?: string;
  /** Edits the encrypted resource before the envelope is signed. */
  readonly tamper?: (resource: Record<string, string>) => Record<string, string>;
  readonly resourceType?: string;
}

/** A notification body as WeChat writes it: the resource encrypted with the APIv3 key. */
export function envelope(plaintext: object | string, options: EnvelopeOptions = {}): string {
  const eventType = options.eventType ?? 'TRANSACTION.SUCCESS';
  const associatedData = options.associatedData ?? (eventType.startsWith('REFUND.') ? 'refund' : 'transaction');
  const text = typeof plaintext === 'string' ? plaintext : JSON.stringify(plaintext);
  const resource: Record<string, string> = {
    original_type: associatedData,
    ...encryptResource(text, options.apiV3Key ?? API_V3_KEY, options.nonce ?? 'fdasflkja484', associatedData),
  };
  return JSON.stringify({
    id: 'EV-2018022511223320873',
    create_time: '2026-11-24T20:00:00+08:00',
    resource_type: options.resourceType ?? 'encrypt-resource',
    event_type: eventType,
    summary: '支付成功',
    resource: options.tamper ? options.tamper(resource) : resource,
  });
}

/** The decrypted `transaction` of a payment notification, as v3 sends it. */
export function transaction(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    mchid: MCH_ID,
    appid: APP_ID,
    out_trade_no: 'B1124200312345',
    transaction_id: '4200000001202611240000000001',
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'CMC',
    attach: '',
    success_time: '2026-11-24T20:01:02+08:00',
    payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    amount: { total: 2590, payer_total: 2590, currency: 'CNY', payer_currency: 'CNY' },
    ...overrides,
  };
}

/** The decrypted resource of a refund notification. */
export function refundResult(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    mchid: MCH_ID,
    out_trade_no: 'B1124200312345',
    transaction_id: '4200000001202611240000000001',
    out_refund_no: 'R1124200312345',
    refund_id: '50000000382019052709732678859',
    refund_status: 'SUCCESS',
    success_time: '2026-11-24T20:05:00+08:00',
    user_received_account: '招商银行信用卡0403',
    amount: { total: 2590, refund: 2590, payer_total: 2590, payer_refund: 2590 },
    ...overrides,
  };
}

/** A signed notification request: headers over the exact body. */
export function signedNotification(body: string, options: SignOptions = {}) {
  return { headers: wechatpayHeaders(body, options), body };
}
