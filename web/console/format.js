/** How the console names what the API answers in numbers and codes. */

/** zerg's order status numbers. */
export const ORDER_STATUSES = /** @type {const} */ ([
  [1, 'Unpaid'],
  [2, 'Paid'],
  [3, 'Delivered'],
  [4, 'Paid, out of stock'],
  [5, 'Closed'],
]);

export const PAID = 2;

/** @param {number} status */
export function orderStatus(status) {
  return ORDER_STATUSES.find(([value]) => value === status)?.[1] ?? `Status ${status}`;
}

/** @type {Record<string, string>} */
const REFUND_STATUSES = { REFUNDING: 'Refunding', REFUNDED: 'Refunded', FAILED: 'Failed' };

/** @param {string} status */
export function refundStatus(status) {
  return REFUND_STATUSES[status] ?? status;
}

/** @type {Record<string, string>} */
const CAUSES = {
  REQUESTED: 'Refunded by the shop',
  OUT_OF_STOCK: 'Out of stock when paid',
  PAID_AFTER_CLOSE: 'Paid after the order closed',
  PAID_TWICE: 'Paid twice',
};

/** @param {string} cause */
export function refundCause(cause) {
  return CAUSES[cause] ?? cause;
}

/** "12.50" → "¥12.50". @param {string} yuan */
export function money(yuan) {
  return `¥${yuan}`;
}

const YUAN = /^(0|[1-9]\d{0,8})(?:\.(\d{1,2}))?$/;

/** A yuan amount typed by a person ("3", "0.5", "12.30") in fen, or null. @param {string} text */
export function fen(text) {
  const match = YUAN.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** @param {number} amount fen @returns {string} yuan */
export function yuan(amount) {
  return `${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;
}

/**
 * Where an order's refunds stand, in a few words for the list: the amount each state holds.
 * @param {readonly { refund_fee: string, status: string }[]} refunds
 */
export function refundSummary(refunds) {
  if (refunds.length === 0) return 'None';
  /** @type {Map<string, number>} */
  const sums = new Map();
  for (const refund of refunds) sums.set(refund.status, (sums.get(refund.status) ?? 0) + (fen(refund.refund_fee) ?? 0));
  return [...sums].map(([status, amount]) => `${refundStatus(status)} ${money(yuan(amount))}`).join(', ');
}

/** How goods reach the buyer, by the API's names, in WeChat's numbering (its `logistics_type` 1 … 4). */
export const LOGISTICS_TYPES = /** @type {const} */ ([
  ['express', 1, 'Express (a courier, with tracking numbers)'],
  ['same_city', 2, 'Same-city delivery'],
  ['virtual', 3, 'Virtual goods (nothing to ship)'],
  ['self_pickup', 4, 'Self-pickup by the buyer'],
]);

/** "express" → "1 · Express (…)"; null (delivered without one) says so. @param {string | null} name */
export function logisticsType(name) {
  const found = LOGISTICS_TYPES.find(([value]) => value === name);
  if (found) return `${found[1]} · ${found[2]}`;
  return name ?? 'None given (delivered without a logistics type)';
}

/** @type {Record<string, string>} */
const UPLOAD_STATES = { pending: 'Waiting to upload', uploaded: 'Uploaded', failed: 'Upload failed', not_required: 'Not required' };
/** @type {Record<string, string>} */
const MESSAGE_STATES = { pending: 'Waiting to send', sent: 'Sent', failed: 'Failed', skipped: 'Skipped' };

/** Where a shipment's upload to WeChat stands. @param {string} state */
export function uploadState(state) {
  return UPLOAD_STATES[state] ?? state;
}

/** Where the buyer's delivery message stands. @param {string} state */
export function messageState(state) {
  return MESSAGE_STATES[state] ?? state;
}
