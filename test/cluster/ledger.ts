import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/adapters/kysely/index.js';
import type { Delivery } from '../../sandbox/index.js';

/** What a node's rows say of a sale: read on every node after the cluster has synced, they must agree. */
export interface Ledger {
  readonly stock: number;
  readonly byStatus: Readonly<Record<number, number>>;
  readonly paidNotifications: number;
  readonly refundedOrders: number;
  readonly ordersRefundedTwice: number;
  readonly paidUnits: number;
  /** Half-written orders: no lines, or paid with no notification recorded. */
  readonly ordersWithoutLines: number;
  readonly paidWithoutNotification: number;
}

export async function ledger(db: Kysely<DB>, productId: number): Promise<Ledger> {
  const product = await db.selectFrom('product').select('stock').where('id', '=', productId).executeTakeFirstOrThrow();
  const statuses = await db.selectFrom('order').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const notifications = await db.selectFrom('payment_notification').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const refunds = await sql<{ orders: number; twice: number }>`
    select count(*) as orders, coalesce(sum(case when n > 1 then 1 else 0 end), 0) as twice
    from (select order_id, count(*) as n from refund group by order_id) per_order`.execute(db);
  const units = await sql<{ units: number | null }>`
    select sum(op.count) as units from order_product op join \`order\` o on o.id = op.order_id
    where op.product_id = ${productId} and o.status in (2, 3)`.execute(db);
  const halves = await sql<{ lineless: number; unnotified: number }>`
    select
      (select count(*) from \`order\` o where not exists (select 1 from order_product op where op.order_id = o.id)) as lineless,
      (select count(*) from \`order\` o where o.status in (2, 3, 4)
        and not exists (select 1 from payment_notification n where n.order_id = o.id)) as unnotified`.execute(db);
  return {
    ordersWithoutLines: Number(halves.rows[0]?.lineless ?? 0),
    paidWithoutNotification: Number(halves.rows[0]?.unnotified ?? 0),
    stock: Number(product.stock),
    byStatus: Object.fromEntries(statuses.map((row) => [Number(row.status), Number(row.n)])),
    paidNotifications: Number(notifications.n),
    refundedOrders: Number(refunds.rows[0]?.orders ?? 0),
    ordersRefundedTwice: Number(refunds.rows[0]?.twice ?? 0),
    paidUnits: Number(units.rows[0]?.units ?? 0),
  };
}

/**
 * The same notification POSTed to other instances at once, each retried as WeChat would while the
 * answer is not 200 (a 503 from a node that is not ready); the final statuses.
 */
export async function deliverElsewhere(delivery: Delivery, shops: readonly { readonly url: string }[]): Promise<number[]> {
  const path = new URL(delivery.notifyUrl).pathname;
  return Promise.all(
    shops.map(async (shop) => {
      let status = 0;
      for (let attempt = 0; attempt < 20; attempt++) {
        status = (await fetch(`${shop.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: delivery.body })).status;
        if (status === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return status;
    }),
  );
}
