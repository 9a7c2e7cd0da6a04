import type { ErrorEntry } from '../edge-errors.js';

export const API_DESCRIPTION = [
  'weshop speaks the REST surface of the ThinkPHP "zerg" shop, so existing mini-program clients work unchanged.',
  '',
  '- Everything lives under `/api/v1`; send JSON (`Content-Type: application/json`, at most 256 KiB) and the token in the `token` header.',
  '- Prices leave as yuan strings (`"0.01"`, from integer fen); times as `Y-m-d H:i:s` China time; image URLs absolute.',
  '- Every failure answers `{msg, error_code, request_url}` with the HTTP status below; each operation lists those it can answer.',
  '- The shop also serves its pictures at `GET /images/…`, the operator’s console at `/cms` and this document at `/openapi.json` (rendered at `/docs`).',
].join('\n');

export const TAGS = [
  { name: 'token', description: 'Logging in: shoppers with a wx.login code, operator apps with their id and secret.' },
  { name: 'catalogue', description: 'The shop window: banners, themes, categories, products.' },
  { name: 'address', description: 'The shopper’s delivery address.' },
  { name: 'order', description: 'The shopper’s orders.' },
  { name: 'pay', description: 'Paying an order with WeChat Pay.' },
  { name: 'CMS', description: 'The operator’s side (scope super): every order, delivery and refunds.' },
  { name: 'WeChat', description: 'Where WeChat Pay calls the shop back.' },
  { name: 'health', description: 'Liveness and readiness, for a load balancer.' },
];

/** The error table of the document's description, one row per status and code. */
export function errorTable(entries: readonly ErrorEntry[]): string {
  const rows = new Map<string, string[]>();
  for (const entry of [...entries].sort((a, b) => a.status - b.status || a.errorCode - b.errorCode)) {
    const key = `| ${entry.status} | ${entry.errorCode} |`;
    rows.set(key, [...(rows.get(key) ?? []), entry.when]);
  }
  return ['| status | error_code | when |', '|---|---|---|', ...[...rows].map(([key, whens]) => `${key} ${whens.join('; ')} |`)].join('\n');
}
