import type { BenchContext, ScenarioResult } from '../lib/context.js';
import { bulkLoadOrders, orderCount, orderTableMb, resetOrders, settle } from '../lib/bulk-load.js';
import { runLoad } from '../lib/load.js';
import type { ShopClient } from '../lib/shop.js';
import { Latencies, type LatencySummary, round, worstDrift } from '../lib/stats.js';
import { type Buyers, placeOverHttp, twoLines } from './floor-vs-http.js';
import { countStatements } from './statements.js';

interface AtSize {
  readonly size: number;
  readonly rowsAtMeasure: number;
  /** Data and indexes of `order` and `order_product`, against the 128 MB buffer pool the services script gives MariaDB. */
  readonly tableMb: number;
  readonly loadSeconds: number;
  readonly settleSeconds: number;
  readonly place: LatencySummary;
  readonly byUser: LatencySummary;
  readonly byUserRows: number;
}

interface WithLines {
  readonly lines: number;
  readonly latency: LatencySummary;
}

/**
 * Scenario 4: place-order and order/by_user latency with 10k, 100k and 1M orders in the table
 * (bulk-loaded), at a modest concurrency that measures latency, not saturation; then place-order
 * with 1, 10 and 50 lines, and the round trips (command packets) per request counted at the wire.
 */
export async function growth(context: BenchContext, shop: ShopClient, buyers: Buyers, redisUrl: string): Promise<ScenarioResult> {
  const { plan } = context;
  await resetOrders(context.mysqlUrl, buyers.uids);
  const sizes: AtSize[] = [];
  const tokenOf = (worker: number) => buyers.tokens[worker % buyers.tokens.length]!;
  for (const size of plan.growthSizes) {
    const load = await bulkLoadOrders(context.mysqlUrl, size);
    const settleSeconds = await settle(context.mysqlUrl, plan.smoke ? 1_000 : 5_000);
    const rowsAtMeasure = await orderCount(context.mysqlUrl);
    const tableMb = await orderTableMb(context.mysqlUrl);
    // Warm the pages this size touches, uncounted.
    const warm = Math.ceil(plan.growthRequests / 3);
    await runLoad({ concurrency: plan.growthConcurrency, total: warm }, (worker) => shop.ordersOf(tokenOf(worker)));
    await runLoad({ concurrency: plan.growthConcurrency, total: warm }, (worker, index) => placeOverHttp(shop, tokenOf(worker), twoLines(index)));
    const byUser = new Latencies();
    let byUserRows = 0;
    await runLoad({ concurrency: plan.growthConcurrency, total: plan.growthRequests }, async (worker) => {
      const answer = await byUser.time(() => shop.ordersOf(tokenOf(worker)));
      byUserRows = Math.max(byUserRows, (answer.body as { data: unknown[] }).data.length);
    });
    const place = new Latencies();
    await runLoad({ concurrency: plan.growthConcurrency, total: plan.growthRequests }, (worker, index) =>
      place.time(() => placeOverHttp(shop, tokenOf(worker), twoLines(index))),
    );
    sizes.push({ size, rowsAtMeasure, tableMb, loadSeconds: round(load.seconds, 1), settleSeconds: round(settleSeconds, 1), place: place.summary(), byUser: byUser.summary(), byUserRows });
  }

  const withLines: WithLines[] = [];
  for (const lines of plan.lineCounts) {
    const productIds = Array.from({ length: lines }, (_, index) => index + 1);
    const latency = new Latencies();
    await runLoad({ concurrency: 4, total: 20 }, (worker) => placeOverHttp(shop, tokenOf(worker), productIds));
    await runLoad({ concurrency: 4, total: plan.linesOrders }, (worker) => latency.time(() => placeOverHttp(shop, tokenOf(worker), productIds)));
    withLines.push({ lines, latency: latency.summary() });
  }
  const counts = await countStatements(context, buyers, redisUrl, context.mysqlUrl);

  const drift = (pick: (at: AtSize) => number) => worstDrift(sizes.map(pick));
  const placeDrift = Math.max(drift((at) => at.place.p50), drift((at) => at.place.p99));
  const listDrift = Math.max(drift((at) => at.byUser.p50), drift((at) => at.byUser.p99));
  // How much slower than at the smallest size, at worst: growth proper, as opposed to noise either way.
  const rise = (pick: (at: AtSize) => number) => Math.max(0, ...sizes.map((at) => pick(at) / pick(sizes[0]!) - 1));
  const placeRise = Math.max(rise((at) => at.place.p50), rise((at) => at.place.p99));
  const listRise = Math.max(rise((at) => at.byUser.p50), rise((at) => at.byUser.p99));
  const statementCounts = plan.lineCounts.map((lines) => counts.perOrder[lines]!);
  const constantStatements = Math.max(...statementCounts) - Math.min(...statementCounts) < 0.5;
  const base = withLines[0]!;
  const linearBound = withLines.every((entry) => entry.latency.p50 <= base.latency.p50 * (entry.lines / base.lines) * 1.15);
  const figures: Record<string, string> = {};
  for (const at of sizes) {
    figures[`${label(at.size)}: place p50/p99 ms`] = `${at.place.p50} / ${at.place.p99}`;
    figures[`${label(at.size)}: by_user p50/p99 ms`] = `${at.byUser.p50} / ${at.byUser.p99} (page of ${at.byUserRows})`;
  }
  for (const entry of withLines) {
    figures[`${entry.lines} lines: p50/p99 ms, round trips/order`] = `${entry.latency.p50} / ${entry.latency.p99}, ${counts.perOrder[entry.lines]}`;
  }
  figures['round trips per full flow, per by_user page'] = `${counts.perFlow}, ${counts.perByUser}`;
  return {
    id: '4',
    title: `Growth: ${sizes.map((at) => label(at.size)).join(' / ')} orders in the table (concurrency ${plan.growthConcurrency}); 1/10/50-line orders`,
    figures,
    targets: [
      {
        name: 'place-order p50/p99 drift',
        goal: '±15 %',
        value: `${round(placeDrift * 100, 0)} % (slower than at ${label(sizes[0]!.size)} by at most ${round(placeRise * 100, 0)} %)`,
        met: placeDrift <= 0.15,
      },
      {
        name: 'by_user p50/p99 drift',
        goal: '±15 %',
        value: `${round(listDrift * 100, 0)} % (slower than at ${label(sizes[0]!.size)} by at most ${round(listRise * 100, 0)} %)`,
        met: listDrift <= 0.15,
      },
      { name: 'round trips per order, 1/10/50 lines', goal: 'constant', value: statementCounts.join(' / '), met: constantStatements },
      { name: 'latency vs lines', goal: 'no worse than linear', value: withLines.map((entry) => entry.latency.p50).join(' / ') + ' ms p50', met: linearBound },
    ],
    invariants: [
      { name: 'bulk-loaded sizes reached', held: sizes.every((at) => at.rowsAtMeasure >= at.size), detail: sizes.map((at) => `${at.rowsAtMeasure} rows, ${at.tableMb} MB (${at.loadSeconds} s to load, ${at.settleSeconds} s to settle)`).join(', ') },
      { name: 'no failed requests', held: sizes.every((at) => at.place.failures === 0 && at.byUser.failures === 0) && withLines.every((e) => e.latency.failures === 0), detail: '' },
    ],
    details: { sizes, withLines, statements: counts, placeDrift, listDrift, placeRise, listRise },
  };
}

function label(size: number): string {
  return size >= 1_000_000 ? `${size / 1_000_000}M` : size >= 1_000 ? `${size / 1_000}k` : String(size);
}
