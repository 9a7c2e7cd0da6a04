import { type KeyObject, X509Certificate, createPrivateKey, randomBytes, sign as rsaSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SandboxMerchantV3 } from '../../../sandbox/index.js';
import { type SignType, buildXmlMessage, encryptResource, sign } from '../../../src/adapters/wechat/index.js';

/** The merchant a forged or genuine notification speaks to: the running shop's own WeChat settings. */
export interface Merchant {
  readonly appId: string;
  readonly mchId: string;
  readonly payKey: string;
}

export interface PaymentFields {
  readonly outTradeNo: string;
  readonly totalFee: number | string;
  readonly transactionId?: string;
}

/** WeChat Pay's payment notification fields for one payment, as its servers send them. */
export function paymentFields(merchant: Merchant, payment: PaymentFields, overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const fields: Record<string, string | undefined> = {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    appid: merchant.appId,
    mch_id: merchant.mchId,
    nonce_str: 'h0st1le5n0nce0000000000000000000',
    result_code: 'SUCCESS',
    openid: 'oHostileOpenid',
    is_subscribe: 'N',
    trade_type: 'JSAPI',
    bank_type: 'OTHERS',
    total_fee: String(payment.totalFee),
    fee_type: 'CNY',
    cash_fee: String(payment.totalFee),
    transaction_id: payment.transactionId ?? `4200009999${payment.outTradeNo}`.slice(0, 32),
    out_trade_no: payment.outTradeNo,
    time_end: '20261124120000',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export interface SignOptions {
  /** The algorithm the signature is computed with. */
  readonly signWith?: SignType;
  /** The sign_type the message declares; undefined: as signed (MD5 goes unnamed, as WeChat does); null: none. */
  readonly declare?: string | null;
  /** Sign with this key instead of the merchant's. */
  readonly key?: string;
}

/** Signs the fields with the project's own signing helper and builds WeChat's XML. */
export function signedXml(merchant: Merchant, fields: Record<string, string>, options: SignOptions = {}): string {
  const signWith = options.signWith ?? 'MD5';
  const declared = options.declare === undefined ? (signWith === 'MD5' ? null : signWith) : options.declare;
  const all: Record<string, string> = { ...fields, ...(declared ? { sign_type: declared } : {}) };
  return buildXmlMessage({ ...all, sign: sign(all, options.key ?? merchant.payKey, signWith) });
}

/** The fields as XML with no signature, or with the given one. */
export function unsignedXml(fields: Record<string, string>, signature?: string): string {
  return buildXmlMessage({ ...fields, ...(signature === undefined ? {} : { sign: signature }) });
}

/** WeChat's side of API v3 for one merchant: what it signs with and encrypts with. */
export interface WeChatV3Side {
  readonly appId: string;
  readonly mchId: string;
  readonly apiV3Key: string;
  /** The key WeChat signs this merchant's messages with (the public key's, or the platform certificate's). */
  readonly signing: V3Key;
  /** A genuine WeChat key the merchant does not use (the other mode's): its serial is unknown to the shop. */
  readonly foreign: V3Key;
  /** The merchant's own key (apiclient_key.pem): never a key WeChat signs with. */
  readonly merchant: KeyObject;
}

export interface V3Key {
  readonly serial: string;
  readonly privateKey: KeyObject;
}

/** WeChat's keys as the sandbox holds them (its merchant's configuration), for a shop in public-key or certificate mode. */
export function wechatV3Side(merchant: Pick<Merchant, 'appId' | 'mchId'>, v3: SandboxMerchantV3, mode: 'public_key' | 'certificate'): WeChatV3Side {
  const key = (path: string) => createPrivateKey(readFileSync(path, 'utf8'));
  const [files] = v3.platformCertificates;
  if (!files) throw new Error('the sandbox merchant has no platform certificate');
  const certificate: V3Key = { serial: new X509Certificate(readFileSync(files.certificatePath, 'utf8')).serialNumber, privateKey: key(files.privateKeyPath) };
  const publicKey: V3Key = { serial: v3.publicKeyId, privateKey: key(v3.publicKeySigningKeyPath) };
  return {
    appId: merchant.appId,
    mchId: merchant.mchId,
    apiV3Key: v3.apiV3Key,
    signing: mode === 'public_key' ? publicKey : certificate,
    foreign: mode === 'public_key' ? certificate : publicKey,
    merchant: key(v3.privateKeyPath),
  };
}

export interface V3SignOptions {
  /** Signs with this key instead of WeChat's own. */
  readonly key?: KeyObject;
  /** Wechatpay-Serial as sent: the signing key's own unless said. */
  readonly serial?: string;
  /** Seconds from now the timestamp claims (negative: in the past). */
  readonly skewSeconds?: number;
  readonly timestamp?: string;
  /** Sent instead of the real signature. */
  readonly signature?: string;
}

/** The four Wechatpay-* headers over the exact body, as WeChat puts them on a notification. */
export function v3Headers(side: WeChatV3Side, body: string, options: V3SignOptions = {}): Record<string, string> {
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000) + (options.skewSeconds ?? 0));
  const nonce = randomBytes(16).toString('hex').toUpperCase();
  const signature = options.signature ?? rsaSign('sha256', Buffer.from(`${timestamp}\n${nonce}\n${body}\n`, 'utf8'), options.key ?? side.signing.privateKey).toString('base64');
  return {
    'content-type': 'application/json',
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Serial': options.serial ?? side.signing.serial,
    'Wechatpay-Signature': signature,
  };
}

export interface EnvelopeOptions {
  readonly eventType?: string;
  readonly resourceType?: string;
  readonly apiV3Key?: string;
  /** Edits the encrypted resource (its ciphertext, tag, nonce or associated data) before it is sent. */
  readonly tamper?: (resource: Record<string, string>) => Record<string, string>;
}

/** A v3 notification body: the plaintext encrypted with the APIv3 key, as WeChat sends it. */
export function v3Envelope(side: WeChatV3Side, plaintext: object | string, options: EnvelopeOptions = {}): string {
  const eventType = options.eventType ?? 'TRANSACTION.SUCCESS';
  const associatedData = eventType.startsWith('REFUND.') ? 'refund' : 'transaction';
  const text = typeof plaintext === 'string' ? plaintext : JSON.stringify(plaintext);
  const resource: Record<string, string> = {
    original_type: associatedData,
    ...encryptResource(text, options.apiV3Key ?? side.apiV3Key, randomBytes(6).toString('hex'), associatedData),
  };
  return JSON.stringify({
    id: `EV-${randomBytes(8).toString('hex')}`,
    create_time: '2026-11-24T20:00:00+08:00',
    resource_type: options.resourceType ?? 'encrypt-resource',
    event_type: eventType,
    summary: '支付成功',
    resource: options.tamper ? options.tamper(resource) : resource,
  });
}

/** The decrypted `transaction` of a v3 payment notification for one payment. */
export function v3Transaction(side: WeChatV3Side, payment: PaymentFields, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    mchid: side.mchId,
    appid: side.appId,
    out_trade_no: payment.outTradeNo,
    transaction_id: payment.transactionId ?? `4200009999${payment.outTradeNo}`.slice(0, 32),
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'OTHERS',
    success_time: '2026-11-24T20:00:00+08:00',
    payer: { openid: 'oHostileOpenid' },
    amount: { total: Number(payment.totalFee), payer_total: Number(payment.totalFee), currency: 'CNY', payer_currency: 'CNY' },
    ...overrides,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** A base64 value with one of its bytes flipped (a negative index counts from the end: the GCM tag). */
export function flipByte(base64: string, at: number): string {
  const bytes = Buffer.from(base64, 'base64');
  const index = at < 0 ? bytes.length + at : at;
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}
