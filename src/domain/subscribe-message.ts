import type { Order } from './order.js';
import type { LogisticsType, Shipment } from './shipment.js';

/**
 * The kinds of value a subscribe-message template field holds, named by the key's prefix
 * (`thing1`, `character_string2`, `time3`, …), each with WeChat's limits: a value outside them is
 * refused by WeChat (47003), so it is checked, or fitted where cutting loses nothing that matters.
 */
export type TemplateFieldKind =
  | 'thing'
  | 'character_string'
  | 'time'
  | 'date'
  | 'number'
  | 'letter'
  | 'symbol'
  | 'amount'
  | 'phone_number'
  | 'car_number'
  | 'name'
  | 'phrase';

const KINDS: readonly TemplateFieldKind[] = ['character_string', 'phone_number', 'car_number', 'thing', 'time', 'date', 'number', 'letter', 'symbol', 'amount', 'name', 'phrase'];

/** `thing1` → `thing`; null for a key WeChat would not name. */
export function templateFieldKind(key: string): TemplateFieldKind | null {
  const match = /^([a-z_]+?)(\d{1,2})$/.exec(key);
  return match && (KINDS as readonly string[]).includes(match[1]!) ? (match[1] as TemplateFieldKind) : null;
}

export type Fitted = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly problem: string };

const chars = (value: string) => [...value];
const within = (value: string, max: number, pattern: RegExp, what: string): Fitted =>
  chars(value).length <= max && pattern.test(value) ? { ok: true, value } : { ok: false, problem: `must be ${what}` };

/** A value as WeChat accepts it for the kind: `thing` is cut to 20 characters (the last one `…`), the rest are checked only. */
export function fitTemplateValue(kind: TemplateFieldKind, raw: string): Fitted {
  const value = raw.trim();
  if (value === '') return { ok: false, problem: 'must not be empty' };
  switch (kind) {
    case 'thing':
      return { ok: true, value: chars(value).length <= 20 ? value : `${chars(value).slice(0, 19).join('')}…` };
    case 'character_string':
      return within(value, 32, /^[\x21-\x7e]+$/, 'at most 32 letters, digits or symbols');
    case 'number':
      return within(value, 32, /^-?\d+(\.\d+)?$/, 'a number of at most 32 characters');
    case 'letter':
      return within(value, 32, /^[A-Za-z]+$/, 'at most 32 letters');
    case 'symbol':
      return within(value, 5, /^[^\p{L}\p{N}\s]+$/u, 'at most 5 symbols');
    case 'amount':
      return within(value, 14, /^[¥￥$]?\d{1,10}(\.\d{1,2})?元?$/, 'an amount like 12.50元 (at most 10 digits)');
    case 'phone_number':
      return within(value, 17, /^[\d+\-() ]+$/, 'at most 17 digits or symbols');
    case 'car_number':
      return within(value, 8, /^\S+$/, 'at most 8 characters');
    case 'time':
      return within(value, 40, /^(\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?\s)?\d{1,2}:\d{2}(:\d{2})?$/, 'a 24-hour time like 2026-11-24 15:01');
    case 'date':
      return within(value, 40, /^\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?(\s\d{1,2}:\d{2}(:\d{2})?)?$/, 'a date like 2026-11-24');
    case 'name':
      return /^[A-Za-z ]+$/.test(value) ? within(value, 20, /./, 'at most 20 letters') : within(value, 10, /./, 'at most 10 characters');
    case 'phrase':
      return within(value, 5, /^\p{Script=Han}+$/u, 'at most 5 Chinese characters');
  }
}

/** What a delivery message may say about its order, by name: `WECHAT_SUBSCRIBE_FIELDS` maps template keys to these. */
export const DELIVERY_FACTS = ['order_no', 'goods', 'shipped_at', 'logistics', 'carrier', 'tracking_no', 'amount', 'count', 'receiver'] as const;
export type DeliveryFact = (typeof DELIVERY_FACTS)[number];

/** Template key (`thing1`) → the fact it shows. */
export type TemplateFieldMapping = Readonly<Record<string, DeliveryFact>>;

const LOGISTICS_LABELS: Readonly<Record<LogisticsType, string>> = {
  EXPRESS: '快递',
  SAME_CITY: '同城配送',
  VIRTUAL: '虚拟发货',
  SELF_PICKUP: '用户自提',
};

/** `2026-11-24 15:01` in China time (UTC+8, no daylight saving). */
export function chinaMinute(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function deliveryFacts(order: Order, shipment: Shipment): Readonly<Record<DeliveryFact, string>> {
  const [first] = shipment.parcels;
  return {
    order_no: order.orderNo,
    goods: order.snapName,
    shipped_at: chinaMinute(shipment.shippedAt),
    logistics: shipment.logisticsType ? LOGISTICS_LABELS[shipment.logisticsType] : '商家发货',
    carrier: first?.carrierCode ?? '',
    tracking_no: first?.trackingNo ?? '',
    amount: `${(order.totalPrice / 100).toFixed(2)}元`,
    count: String(order.totalCount),
    receiver: order.snapAddress.name,
  };
}

export type MessageData =
  | { readonly ok: true; readonly data: Readonly<Record<string, { readonly value: string }>> }
  | { readonly ok: false; readonly problems: readonly string[] };

/** The template's `data`, every value within its kind's limits, or every field that cannot be. */
export function templateData(mapping: TemplateFieldMapping, facts: Readonly<Record<DeliveryFact, string>>): MessageData {
  const data: Record<string, { value: string }> = {};
  const problems: string[] = [];
  for (const [key, fact] of Object.entries(mapping)) {
    const kind = templateFieldKind(key);
    const fitted: Fitted = kind ? fitTemplateValue(kind, facts[fact]) : { ok: false, problem: 'is not a template field key' };
    if (fitted.ok) data[key] = { value: fitted.value };
    else problems.push(`${key} (${fact}) ${fitted.problem}`);
  }
  return problems.length === 0 ? { ok: true, data } : { ok: false, problems };
}
