import type { OutboxItem } from '../ports/outbox.js';
import type { WeChatApiError } from '../ports/wechat-mini-program.js';

/** What to do with an item WeChat did not take: try again after a pause, or record the refusal for good. */
export type Verdict = { readonly retryAfterSeconds: number } | { readonly fail: true };

/** `upload_shipping_info` before WeChat has seen the payment: it will, usually within minutes. */
export const PAYMENT_NOT_SEEN = 10060001;
/** Tries of an upload WeChat keeps answering 10060001 before it is recorded FAILED. */
const MAX_PAYMENT_NOT_SEEN_TRIES = 60;
/** WeChat busy, unreachable, or a token still refused after the client's one refresh. */
const TRANSIENT = new Set([-1, 40001, 42001, 45009, 10060012, 10060019]);
const MAX_TRANSIENT_TRIES = 8;
/**
 * Subscribe messages refused for a reason sending again cannot change: 43101 the buyer has no
 * acceptance left at WeChat, 47003 a value WeChat refuses, 40003 the openid, 40037 the template.
 */
const FINAL_MESSAGE_ERRORS = new Set([43101, 47003, 40003, 40037]);

/**
 * 10060001 waits `retrySeconds` (a minute by default) and is tried again; transient failures back
 * off (1, 2, 4 … minutes, at most an hour); anything else WeChat says is final and recorded with
 * its code and message. Nothing is retried without end.
 */
export function verdictOn(item: OutboxItem, error: WeChatApiError, retrySeconds: number): Verdict {
  if (item.kind === 'SUBSCRIBE_MESSAGE' && FINAL_MESSAGE_ERRORS.has(error.errcode)) return { fail: true };
  if (item.kind === 'SHIPPING_UPLOAD' && error.errcode === PAYMENT_NOT_SEEN) {
    return item.tries >= MAX_PAYMENT_NOT_SEEN_TRIES ? { fail: true } : { retryAfterSeconds: retrySeconds };
  }
  if (TRANSIENT.has(error.errcode) && item.tries < MAX_TRANSIENT_TRIES) {
    return { retryAfterSeconds: Math.min(3600, 60 * 2 ** Math.max(0, item.tries - 1)) };
  }
  return { fail: true };
}
