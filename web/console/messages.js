import { ApiError } from './api.js';

/** @param {number} seconds */
export function duration(seconds) {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** @type {Record<number, (error: ApiError) => string>} */
const BY_CODE = {
  10000: () => 'The shop refused the request as it was sent.',
  10001: () => 'Your session has expired. Sign in again.',
  10002: () => 'This app may not use the console: only operator (super) apps may.',
  10004: () => 'Wrong app id or secret.',
  10005: (error) =>
    `Too many failed sign-ins for this app id: it is locked. ${
      error.retryAfterSeconds ? `Try again in ${duration(error.retryAfterSeconds)}.` : 'Try again later.'
    }`,
  10006: () => 'The shop does not know this request; the console may be newer than the shop.',
  80000: () => 'There is no such order.',
  80002: () => 'Only a paid order that has not been delivered can be delivered.',
  80006: () => 'This refund is not possible.',
  80007: () => 'Every fen of this order is refunded: there is nothing to ship.',
  80008: () => 'This order was re-shipped already: WeChat lets a shipment change only once.',
  90001: () => 'WeChat Pay failed or refused; nothing changed. Try again.',
  90004: () => 'WeChat did not answer as needed; nothing changed. Try again in a moment.',
  90002: () => 'The shop’s database or token store is unavailable. Try again in a moment.',
  999: (error) => `The shop hit an unexpected error${error.requestId ? ` (request id ${error.requestId} finds it in the shop’s log)` : ''}.`,
};

/**
 * What to tell the operator about a failed call: a sentence of its own, then what the shop said
 * (its msg and error_code), so nothing is hidden and nothing is blank.
 * @param {unknown} error
 * @returns {{ text: string, detail: string }}
 */
export function explain(error) {
  if (!(error instanceof ApiError)) {
    return { text: 'Something went wrong in the console.', detail: error instanceof Error ? error.message : String(error) };
  }
  if (error.status === 0) {
    return { text: 'The shop could not be reached. Check the connection and try again.', detail: '' };
  }
  const sentence = error.errorCode !== null ? BY_CODE[error.errorCode] : undefined;
  const text = sentence
    ? sentence(error)
    : error.status === 413 || error.status === 415
      ? 'The shop refused the request as it was sent.'
      : `The shop answered HTTP ${error.status}.`;
  const code = error.errorCode !== null ? `error ${error.errorCode}` : `HTTP ${error.status}`;
  return { text, detail: error.detail ? `${error.detail} (${code})` : `(${code})` };
}
