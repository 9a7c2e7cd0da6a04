import type { TradeEvent } from '../../../application/index.js';
import { PushMessageRejected, decryptPushMessage, pushSignature, signatureMatches } from '../message-push.js';
import { parseXmlMessage } from '../xml.js';

export interface PushConfig {
  readonly appId: string;
  /** The message push Token set in the mini-program's console. */
  readonly token: string;
  /** The EncodingAESKey's key, for the safe mode; null: only plain messages are taken. */
  readonly aesKey: Buffer | null;
}

export interface PushRequest {
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

/** How far a push's timestamp may be from now: a replay of an old one is refused. */
const WINDOW_SECONDS = 300;

/** `echostr` of the URL check WeChat makes when the push URL is saved, if it is signed with the token. */
export function verifyPushUrl(config: PushConfig, query: PushRequest['query'], now: Date): string {
  checkSigned(config, query, now);
  return query.echostr ?? '';
}

/**
 * A pushed message's fields, after its signature (and, in safe mode, its envelope) is checked;
 * PushMessageRejected for anything that is not from WeChat for this app.
 */
export function openPushMessage(config: PushConfig, request: PushRequest, now: Date): Record<string, unknown> {
  const { query } = request;
  const outer = parseMessage(request.body);
  if (query.encrypt_type !== 'aes') {
    // A plain message's signature covers no part of its body: with a key configured, only the safe mode is believed.
    if (config.aesKey) throw new PushMessageRejected('PLAIN_REFUSED', 'a plain message, and this shop takes only encrypted ones (WECHAT_PUSH_AES_KEY is set)');
    checkSigned(config, query, now);
    return outer;
  }
  if (!config.aesKey) throw new PushMessageRejected('NOT_CONFIGURED', 'an encrypted message, and no WECHAT_PUSH_AES_KEY to open it');
  const encrypted = typeof outer.Encrypt === 'string' ? outer.Encrypt : '';
  checkFresh(query, now);
  if (!signatureMatches(query.msg_signature, pushSignature(config.token, query.timestamp ?? '', query.nonce ?? '', encrypted))) {
    throw new PushMessageRejected('SIGNATURE', 'msg_signature does not match');
  }
  return parseMessage(decryptPushMessage(config.aesKey, config.appId, encrypted));
}

/** The shipping-management event in a message, or null for any other message. */
export function tradeEventOf(message: Record<string, unknown>, now: Date): TradeEvent | null {
  const text = (name: string) => (typeof message[name] === 'string' || typeof message[name] === 'number' ? String(message[name]) : '');
  const time = (name: string) => (/^\d{9,11}$/.test(text(name)) && Number(text(name)) > 0 ? new Date(Number(text(name)) * 1000) : null);
  const ref = { outTradeNo: text('merchant_trade_no'), transactionId: text('transaction_id') };
  switch (text('Event')) {
    case 'trade_manage_remind_shipping':
      return { kind: 'REMIND_SHIPPING', ...ref, at: time('CreateTime') ?? now };
    case 'trade_manage_order_settlement':
      return {
        kind: 'ORDER_SETTLEMENT',
        ...ref,
        confirmedAt: time('confirm_receive_time'),
        confirmMethod: /^[12]$/.test(text('confirm_receive_method')) ? Number(text('confirm_receive_method')) : null,
        settledAt: time('settlement_time'),
      };
    default:
      return null;
  }
}

function checkSigned(config: PushConfig, query: PushRequest['query'], now: Date): void {
  checkFresh(query, now);
  if (!signatureMatches(query.signature, pushSignature(config.token, query.timestamp ?? '', query.nonce ?? ''))) {
    throw new PushMessageRejected('SIGNATURE', 'signature does not match');
  }
}

function checkFresh(query: PushRequest['query'], now: Date): void {
  const timestamp = Number(query.timestamp);
  if (!/^\d{1,12}$/.test(query.timestamp ?? '') || typeof query.nonce !== 'string' || query.nonce === '') {
    throw new PushMessageRejected('MALFORMED', 'timestamp and nonce are required');
  }
  if (Math.abs(now.getTime() / 1000 - timestamp) > WINDOW_SECONDS) throw new PushMessageRejected('STALE', 'the timestamp is too far from now');
}

/** A push body in either format the console offers: JSON or XML. */
function parseMessage(raw: string): Record<string, unknown> {
  const text = raw.trim();
  try {
    if (text.startsWith('<')) return parseXmlMessage(text);
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new PushMessageRejected('MALFORMED', 'the body is neither a JSON object nor WeChat XML');
}
