import type { BenchContext, ScenarioResult } from '../lib/context.js';
import { FLASH_PRODUCT_ID, mysqlConnection } from '../lib/bench-db.js';
import { cpuDuring, describeCpu } from '../lib/cpu.js';
import type { RunningServer } from '../lib/server.js';
import { ShopClient, buyers } from '../lib/shop.js';
import { Latencies, round } from '../lib/stats.js';

type Told = 'paid-notified' | 'place pass:false' | 'pre_order pass:false' | 'error';

/**
 * Scenario 3: every buyer at once places an order for the one product and pays for it. Exactly
 * `stock` orders end PAID; every other buyer is told (pass:false at place or pre_order, or the
 * order ends PAID_BUT_OUT_OF with its refund owed); the stock ends at 0, never below. Under both
 * policies no buyer should pay for a unit that is not there: the refunds owed for stock are counted
 * against a target of 0 (on_order reserves at place, on_payment admits at pre_order by holds).
 */
export async function flashSale(context: BenchContext, server: RunningServer, variant: { id: string; policy: string; prefix: string }): Promise<ScenarioResult> {
  const { plan } = context;
  const baseUrl = server.url;
  const setupClient = new ShopClient(baseUrl, 32);
  const firstUid = (await maxUserId(context.mysqlUrl)) + 1;
  const setupStart = performance.now();
  const tokens = await buyers(setupClient, variant.prefix, plan.flashBuyers, 32);
  const setupMs = performance.now() - setupStart;
  const lastUid = await maxUserId(context.mysqlUrl);
  setupClient.close();
  await setStock(context.mysqlUrl, plan.flashStock);

  // One connection per buyer, as 2,000 phones would have.
  const shop = new ShopClient(baseUrl, plan.flashBuyers);
  const told = new Map<Told, number>();
  const errors: string[] = [];
  const tell = (what: Told) => told.set(what, (told.get(what) ?? 0) + 1);
  const steps = { place: new Latencies(), preOrder: new Latencies(), notify: new Latencies() };
  /** When the last buyer finished each step, from the start. */
  const lastDone = { place: 0, preOrder: 0, notify: 0 };
  const start = performance.now();
  const { cpu } = await cpuDuring({ server: server.pid, database: context.databasePid }, () =>
    Promise.all(
      tokens.map(async (token) => {
        const step = async <T>(name: keyof typeof steps, work: () => Promise<T>) => {
          const result = await steps[name].time(work);
          lastDone[name] = Math.max(lastDone[name], performance.now() - start);
          return result;
        };
        try {
          const placed = await step('place', () => shop.place(token, [{ product_id: FLASH_PRODUCT_ID, count: 1 }]));
          if (!placed.pass) return tell('place pass:false');
          const prepared = await step('preOrder', () => shop.prepayId(token, placed.order_id));
          if (!('prepayId' in prepared)) return tell('pre_order pass:false');
          await step('notify', () => context.wechat.payAndAwaitNotify(prepared.prepayId));
          tell('paid-notified');
        } catch (error) {
          tell('error');
          if (errors.length < 3) errors.push(error instanceof Error ? error.message : String(error));
        }
      }),
    ),
  );
  const wallMs = performance.now() - start;
  const summary = Object.fromEntries(Object.entries(steps).map(([name, latencies]) => [name, latencies.summary()]));
  const stepFigure = (name: keyof typeof steps) => `${summary[name]!.p50} / ${summary[name]!.p99} ms, last at ${round(lastDone[name] / 1000, 2)} s`;
  shop.close();

  const outcome = await outcomes(context.mysqlUrl, firstUid, lastUid);
  const paid = outcome.byStatus.get(2) ?? 0;
  const outOf = outcome.byStatus.get(4) ?? 0;
  const unpaid = outcome.byStatus.get(1) ?? 0;
  const placeRefused = told.get('place pass:false') ?? 0;
  const preOrderRefused = told.get('pre_order pass:false') ?? 0;
  const failed = told.get('error') ?? 0;
  const accounted = paid + outOf + placeRefused + preOrderRefused;
  return {
    id: variant.id,
    title: `Flash sale (STOCK_POLICY=${variant.policy}): ${plan.flashBuyers} buyers at once, one product, ${plan.flashStock} in stock, each places and pays`,
    figures: {
      'wall s': round(wallMs / 1000, 2),
      PAID: paid,
      PAID_BUT_OUT_OF: outOf,
      'place pass:false': placeRefused,
      'pre_order pass:false': preOrderRefused,
      'final stock': outcome.stock,
      'refunds owed for stock': outcome.owedRefunds,
      errors: failed,
      'place p50/p99, last done': stepFigure('place'),
      'pre_order p50/p99, last done': stepFigure('preOrder'),
      'pay→notify p50/p99, last done': stepFigure('notify'),
      CPU: describeCpu(cpu, plan.flashBuyers, context.cores).replace('/order', '/buyer'),
      'buyers set up (login+address) s': round(setupMs / 1000, 1),
    },
    targets: [
      { name: 'wall time', goal: '< 2 s', value: `${round(wallMs / 1000, 2)} s`, met: wallMs < 2000 },
      { name: 'buyers who paid for a unit that was not there (refunds owed for stock)', goal: '0', value: `${outcome.owedRefunds}`, met: outcome.owedRefunds === 0 },
    ],
    invariants: [
      { name: `exactly ${plan.flashStock} PAID`, held: paid === plan.flashStock, detail: `${paid}` },
      { name: 'final stock 0, never negative', held: outcome.stock === 0, detail: `${outcome.stock}` },
      {
        name: 'every other buyer told clearly',
        held: accounted === plan.flashBuyers && failed === 0,
        detail: `${paid} PAID + ${outOf} PAID_BUT_OUT_OF + ${placeRefused} + ${preOrderRefused} pass:false = ${accounted} of ${plan.flashBuyers}; ${failed} errors${errors.length ? ` (${errors.join('; ')})` : ''}`,
      },
      { name: 'each PAID_BUT_OUT_OF owes a refund', held: outcome.owedRefunds === outOf, detail: `${outcome.owedRefunds} refunds for ${outOf}` },
      { name: 'no paid order left UNPAID', held: unpaid === preOrderRefused, detail: `${unpaid} UNPAID (= orders refused at pre_order)` },
    ],
    details: { wallMs, setupMs, steps: summary, lastDone, cpu, told: Object.fromEntries(told), byStatus: Object.fromEntries(outcome.byStatus), stock: outcome.stock, owedRefunds: outcome.owedRefunds, errors },
  };
}

async function maxUserId(mysqlUrl: string): Promise<number> {
  const connection = await mysqlConnection(mysqlUrl);
  try {
    const [rows] = await connection.query('select coalesce(max(id), 0) as id from `user`');
    return Number((rows as { id: number }[])[0]!.id);
  } finally {
    await connection.end();
  }
}

/** The sale's stock is set directly: restocking is an admin's act, not part of the sale. */
async function setStock(mysqlUrl: string, stock: number): Promise<void> {
  const connection = await mysqlConnection(mysqlUrl);
  try {
    await connection.query('update product set stock = ? where id = ?', [stock, FLASH_PRODUCT_ID]);
  } finally {
    await connection.end();
  }
}

/** The sale's orders: those of the buyers it logged in, user ids `firstUid`..`lastUid`. */
async function outcomes(mysqlUrl: string, firstUid: number, lastUid: number) {
  const connection = await mysqlConnection(mysqlUrl);
  try {
    const [statusRows] = await connection.query('select status, count(*) as n from `order` where user_id between ? and ? group by status', [firstUid, lastUid]);
    const [stockRows] = await connection.query('select stock from product where id = ?', [FLASH_PRODUCT_ID]);
    const [refundRows] = await connection.query(
      "select count(*) as n from refund r join `order` o on o.id = r.order_id where o.user_id between ? and ? and r.cause = 'OUT_OF_STOCK'",
      [firstUid, lastUid],
    );
    return {
      byStatus: new Map((statusRows as { status: number; n: number }[]).map((row) => [Number(row.status), Number(row.n)])),
      stock: Number((stockRows as { stock: number }[])[0]!.stock),
      owedRefunds: Number((refundRows as { n: number }[])[0]!.n),
    };
  } finally {
    await connection.end();
  }
}
