import { type SignType, buildXmlMessage, sign } from '../../../src/adapters/wechat/index.js';

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
