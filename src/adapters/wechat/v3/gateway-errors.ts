/**
 * WeChat Pay v3 error answers (`{ "code": "…", "message": "…" }` with a 4xx/5xx status) turned into
 * the PaymentGatewayError reasons the use cases already act on. Only answers whose signature
 * verified get here (api-caller.ts): an unsigned ORDERPAID is not believed.
 */
import { PaymentGatewayError } from '../../../application/index.js';

export interface WeChatError {
  readonly code: string;
  readonly message: string;
}

/** v3 documents both spellings over the years; accept each. */
const SYSTEM_ERRORS = ['SYSTEM_ERROR', 'SYSTEMERROR'];
const PAID = ['ORDERPAID', 'ORDER_PAID'];
const CLOSED = ['ORDER_CLOSED', 'ORDERCLOSED'];
/** Refund refusals that end nothing: the same out_refund_no is sent again later. */
const REFUND_TRY_LATER = [...SYSTEM_ERRORS, 'NOT_ENOUGH', 'NOTENOUGH', 'FREQUENCY_LIMITED', 'BIZERR_NEED_RETRY'];
/** 404 codes meaning "no such trade/refund" rather than a wrong URL. */
export const NOT_FOUND_CODES = ['ORDER_NOT_EXIST', 'ORDERNOTEXIST', 'RESOURCE_NOT_EXISTS', 'REFUND_NOT_EXISTS', 'REFUNDNOTEXIST'];

export function isSystemError(code: string): boolean {
  return SYSTEM_ERRORS.includes(code);
}

/** The error body, or a placeholder when WeChat (or a proxy) sent something else. */
export function parseWeChatError(body: Buffer): WeChatError {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { code?: unknown; message?: unknown };
    if (typeof parsed.code === 'string' && parsed.code !== '') {
      return { code: parsed.code.slice(0, 64), message: typeof parsed.message === 'string' ? parsed.message.slice(0, 200) : '' };
    }
  } catch {
    // not JSON: fall through
  }
  return { code: 'UNKNOWN', message: 'the error answer carries no code' };
}

export function paymentFailure(label: string, error: WeChatError): PaymentGatewayError {
  const text = `${label}: ${error.code}: ${error.message || 'refused by WeChat Pay'}`;
  if (PAID.includes(error.code)) return new PaymentGatewayError('ORDERPAID', text);
  if (CLOSED.includes(error.code)) return new PaymentGatewayError('ORDERCLOSED', text);
  // A reused out_trade_no is OUT_TRADE_NO_USED, or INVALID_REQUEST "201 商户订单号重复".
  if (error.code === 'OUT_TRADE_NO_USED' || (error.code === 'INVALID_REQUEST' && /^201\b|商户订单号重复/.test(error.message))) {
    return new PaymentGatewayError('OUT_TRADE_NO_USED', text);
  }
  if (isSystemError(error.code) || error.code === 'FREQUENCY_LIMITED') return new PaymentGatewayError('SYSTEMERROR', text);
  return new PaymentGatewayError('REJECTED', text);
}

export function refundFailure(label: string, error: WeChatError): PaymentGatewayError {
  const text = `${label}: ${error.code}: ${error.message || 'refused by WeChat Pay'}`;
  return new PaymentGatewayError(REFUND_TRY_LATER.includes(error.code) ? 'SYSTEMERROR' : 'REJECTED', text);
}
