import type { Kysely } from 'kysely';
import type { DB } from '../../../src/adapters/kysely/index.js';

type Row = Record<string, unknown>;

/** Everything an attack could change: money, goods, orders, who may log in, what WeChat told us. */
export interface Snapshot {
  readonly order: Row[];
  readonly order_product: Row[];
  readonly stock: Record<string, unknown>;
  readonly payment_attempt: Row[];
  readonly payment_notification: Row[];
  readonly refund: Row[];
  readonly user_address: Row[];
  readonly user: Row[];
  /** Delivery: shipments, what is owed to WeChat, buyers' message consents, what WeChat pushed. */
  readonly shipment: Row[];
  readonly outbox: Row[];
  readonly subscribe_consent: Row[];
  readonly order_trade: Row[];
  readonly tokens: number;
}

const KEYED: Record<string, (row: Row) => string> = {
  order: (row) => String(row.id),
  order_product: (row) => `${String(row.order_id)}:${String(row.product_id)}`,
  payment_attempt: (row) => String(row.id),
  payment_notification: (row) => String(row.id),
  refund: (row) => String(row.id),
  user_address: (row) => String(row.id),
  user: (row) => String(row.id),
  shipment: (row) => `${String(row.order_id)}:${String(row.seq)}`,
  outbox: (row) => String(row.outbox_key),
  subscribe_consent: (row) => `${String(row.user_id)}:${String(row.template_id)}`,
  order_trade: (row) => String(row.order_id),
};

export async function takeSnapshot(db: Kysely<DB>, tokens: () => Promise<number>): Promise<Snapshot> {
  const all = async <T extends keyof DB>(table: T, key: (row: Row) => string) =>
    sortBy((await db.selectFrom(table).selectAll().execute()).map(plain), key);
  const products = await db.selectFrom('product').select(['id', 'stock']).execute();
  return {
    order: await all('order', KEYED.order!),
    order_product: await all('order_product', KEYED.order_product!),
    stock: Object.fromEntries(products.map((row) => [String(row.id), String(row.stock)])),
    payment_attempt: await all('payment_attempt', KEYED.payment_attempt!),
    payment_notification: await all('payment_notification', KEYED.payment_notification!),
    refund: await all('refund', KEYED.refund!),
    user_address: await all('user_address', KEYED.user_address!),
    user: await all('user', KEYED.user!),
    shipment: await all('shipment', KEYED.shipment!),
    outbox: await all('outbox', KEYED.outbox!),
    subscribe_consent: await all('subscribe_consent', KEYED.subscribe_consent!),
    order_trade: await all('order_trade', KEYED.order_trade!),
    tokens: await tokens(),
  };
}

/** Rows as plain comparable values: bigint and Buffer as strings, JSON columns as text. */
function plain(row: object): Row {
  return Object.fromEntries(
    Object.entries(row).map(([name, value]) => [
      name,
      typeof value === 'bigint' ? String(value) : Buffer.isBuffer(value) ? value.toString('utf8') : value !== null && typeof value === 'object' ? JSON.stringify(value) : value,
    ]),
  );
}

function sortBy(rows: Row[], key: (row: Row) => string): Row[] {
  return rows.sort((a, b) => key(a).localeCompare(key(b), 'en', { numeric: true }));
}

export interface Changes {
  /** One line per kind of change, e.g. `order +1`, `order ~1 (status, update_time)`, `stock 1: 998→995`, `tokens 4→5`. */
  readonly summary: string[];
  readonly added: Record<string, Row[]>;
  readonly changed: Record<string, { before: Row; after: Row }[]>;
}

export function diff(before: Snapshot, after: Snapshot): Changes {
  const summary: string[] = [];
  const added: Record<string, Row[]> = {};
  const changed: Record<string, { before: Row; after: Row }[]> = {};
  for (const [table, key] of Object.entries(KEYED)) {
    const old = new Map((before[table as keyof Snapshot] as Row[]).map((row) => [key(row), row]));
    const now = new Map((after[table as keyof Snapshot] as Row[]).map((row) => [key(row), row]));
    const plus = [...now.keys()].filter((id) => !old.has(id)).map((id) => now.get(id)!);
    const minus = [...old.keys()].filter((id) => !now.has(id));
    const moved = [...now.keys()]
      .filter((id) => old.has(id) && JSON.stringify(old.get(id)) !== JSON.stringify(now.get(id)))
      .map((id) => ({ before: old.get(id)!, after: now.get(id)! }));
    if (plus.length) summary.push(`${table} +${plus.length}`);
    if (minus.length) summary.push(`${table} -${minus.length}`);
    if (moved.length) {
      const columns = new Set(moved.flatMap(({ before: b, after: a }) => Object.keys(a).filter((c) => JSON.stringify(a[c]) !== JSON.stringify(b[c]))));
      summary.push(`${table} ~${moved.length} (${[...columns].sort().join(', ')})`);
    }
    added[table] = plus;
    changed[table] = moved;
  }
  for (const id of new Set([...Object.keys(before.stock), ...Object.keys(after.stock)])) {
    if (before.stock[id] !== after.stock[id]) summary.push(`stock ${id}: ${String(before.stock[id])}→${String(after.stock[id])}`);
  }
  if (before.tokens !== after.tokens) summary.push(`tokens ${before.tokens}→${after.tokens}`);
  return { summary, added, changed };
}
