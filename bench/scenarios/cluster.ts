import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLASH_PRODUCT_ID, dropMysqlDatabase, freshMysqlDatabase, mysqlConnection } from '../lib/bench-db.js';
import type { BenchContext, ScenarioResult } from '../lib/context.js';
import type { RunningServer } from '../lib/server.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { UnexpectedAnswer } from '../../test/support/shopper.js';
import { ShopClient, buyers } from '../lib/shop.js';
import { Latencies, round } from '../lib/stats.js';

/** The Galera cluster and Sentinels of `scripts/services.sh cluster-start`, from the environment or .services/cluster.env. */
export interface ClusterTargets {
  readonly galeraUrls: readonly string[];
  readonly sentinels: string;
  readonly sentinelName: string;
}

export function clusterTargets(root: string): ClusterTargets | null {
  const env: Record<string, string | undefined> = { ...process.env };
  const file = join(root, '.services/cluster.env');
  if (!env.GALERA_URLS && existsSync(file)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/^export (\w+)=(.*)$/gm)) env[match[1]!] = match[2];
  }
  const galeraUrls = env.GALERA_URLS?.split(',').filter(Boolean) ?? [];
  if (galeraUrls.length < 2 || !env.CLUSTER_REDIS_SENTINELS || !env.CLUSTER_REDIS_SENTINEL_NAME) return null;
  return { galeraUrls, sentinels: env.CLUSTER_REDIS_SENTINELS, sentinelName: env.CLUSTER_REDIS_SENTINEL_NAME };
}

function onDatabase(url: string, name: string, pool: number): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  parsed.searchParams.set('pool', String(pool));
  return parsed.toString();
}

interface Side {
  readonly label: string;
  readonly servers: RunningServer[];
  readonly databaseUrl: string;
  readonly logs: string[];
}

/**
 * Scenario 6: place-order and the flash sale, the same load on one instance over one MariaDB and
 * on three instances over three Galera nodes (each instance its own node, Redis through Sentinel),
 * side by side; the units of work the cluster ran again after a certification conflict are counted.
 */
export async function clusterScenario(context: BenchContext, targets: ClusterTargets): Promise<ScenarioResult[]> {
  const pool = Math.max(4, Math.ceil(context.poolSize / targets.galeraUrls.length));
  const singleUrl = onDatabase(context.mysqlUrl, 'weshop_test_bench_single', context.poolSize);
  await freshMysqlDatabase(singleUrl);
  const single: Side = {
    label: '1 instance, 1 MariaDB',
    servers: [await context.startShop('single', { databaseUrl: singleUrl, redisUrl: context.redisUrl })],
    databaseUrl: singleUrl,
    logs: [join(context.workDir, 'single.log')],
  };
  const clusterUrls = targets.galeraUrls.map((url) => onDatabase(url, 'weshop_test_bench_cluster', pool));
  // Migrated once before the instances start, as on any cluster (`npm run db:migrate`).
  await freshMysqlDatabase(clusterUrls[0]!);
  const sentinelEnv = { REDIS_SENTINELS: targets.sentinels, REDIS_SENTINEL_NAME: targets.sentinelName };
  const servers: RunningServer[] = [];
  for (const [index, url] of clusterUrls.entries()) {
    servers.push(await context.startShop(`galera-${index + 1}`, { databaseUrl: url, extraEnv: sentinelEnv }));
  }
  const galera: Side = {
    label: `${servers.length} instances, ${servers.length} Galera nodes`,
    servers,
    databaseUrl: clusterUrls[0]!,
    logs: servers.map((_, index) => join(context.workDir, `galera-${index + 1}.log`)),
  };
  const results: ScenarioResult[] = [];
  try {
    for (const side of [single, galera]) results.push(await runSide(context, side));
  } finally {
    for (const side of [single, galera]) for (const server of side.servers) await server.stop();
    await dropMysqlDatabase(singleUrl).catch(() => undefined);
    await dropMysqlDatabase(clusterUrls[0]!).catch(() => undefined);
  }
  // The retry counts are logged as each server stops.
  return results.map((result, index) => {
    const retries = retriesLogged([single, galera][index]!.logs);
    return { ...result, figures: { ...result.figures, 'conflicts retried': retries }, details: { ...(result.details as object), conflictsRetried: retries } };
  });
}

async function runSide(context: BenchContext, side: Side): Promise<ScenarioResult> {
  const { plan } = context;
  const clients = side.servers.map((server) => new ShopClient(server.url, plan.concurrency));
  const tokens = (await Promise.all(clients.map((client, i) => buyers(client, `cluster-${i}`, Math.ceil(plan.concurrency / clients.length), 8)))).flat();
  const clientOf = (i: number) => clients[i % clients.length]!;

  // Place-order: every buyer places one-line orders back to back for the leg's time.
  const place = new Latencies();
  const placeMs = plan.legMs * plan.rounds;
  const placeStart = performance.now();
  await Promise.all(
    tokens.map(async (token, i) => {
      while (performance.now() - placeStart < placeMs) {
        await place.time(() => clientOf(i).place(token, [{ product_id: 1 + (i % 50), count: 1 }])).catch(() => undefined);
      }
    }),
  );
  const placeWall = performance.now() - placeStart;
  const placed = place.summary();

  // The flash sale: the plan's buyers spread over the instances, one product, little stock.
  const flashTokens = (await Promise.all(clients.map((client, i) => buyers(client, `cluster-flash-${i}`, Math.ceil(plan.flashBuyers / clients.length), 16)))).flat();
  await setFlashStock(side.databaseUrl, plan.flashStock);
  let errors = 0;
  const answered503 = { count: 0 };
  const flashStart = performance.now();
  await Promise.all(
    flashTokens.map(async (token, i) => {
      try {
        const order = await asBuyerRetries(answered503, i, (at) => clientOf(at).place(token, [{ product_id: FLASH_PRODUCT_ID, count: 1 }]));
        if (!order.pass) return;
        const prepared = await asBuyerRetries(answered503, i + 1, (at) => clientOf(at).prepayId(token, order.order_id));
        if ('prepayId' in prepared) await context.wechat.payAndAwaitNotify(prepared.prepayId);
      } catch {
        errors++;
      }
    }),
  );
  const flashWall = performance.now() - flashStart;
  for (const client of clients) client.close();
  const sale = await saleOutcome(side.databaseUrl);
  return {
    id: '6',
    title: `Cluster side by side: ${side.label} — place-order for ${round(placeMs / 1000, 1)} s by ${tokens.length} buyers, then a flash sale of ${flashTokens.length} buyers for ${plan.flashStock}`,
    figures: {
      'orders/s': round(placed.count / (placeWall / 1000), 1),
      'place p50/p99 ms': `${placed.p50} / ${placed.p99}`,
      'place failures': placed.failures,
      'flash wall s': round(flashWall / 1000, 2),
      'flash PAID': sale.paid,
      'flash final stock': sale.stock,
      'flash errors': errors,
      'flash 503s retried': answered503.count,
    },
    targets: [],
    invariants: [
      { name: `exactly ${plan.flashStock} PAID`, held: sale.paid === plan.flashStock, detail: `${sale.paid}` },
      { name: 'final stock 0, never negative', held: sale.stock === 0, detail: `${sale.stock}` },
      { name: 'no request failed', held: errors === 0 && placed.failures === 0, detail: `${placed.failures} place, ${errors} flash` },
    ],
    details: { side: side.label, place: placed, placeWallMs: placeWall, flashWallMs: flashWall, sale, errors, answered503: answered503.count },
  };
}

/** The shop's Retry-After on a 503 (a conflict that lost every retry, a node not ready). */
const RETRY_AFTER_MS = 1000;
const BUYER_TRIES = 4;

/**
 * What a buyer's mini-program does with a 503: wait the Retry-After and ask again, on the next
 * instance behind the balancer. Counted, so the figure shows how often a buyer had to.
 */
async function asBuyerRetries<T>(answered503: { count: number }, first: number, step: (instance: number) => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await step(first + tries - 1);
    } catch (error) {
      if (!(error instanceof UnexpectedAnswer) || error.answer.status !== 503 || tries >= BUYER_TRIES) throw error;
      answered503.count++;
      await sleep(RETRY_AFTER_MS);
    }
  }
}

async function setFlashStock(url: string, stock: number): Promise<void> {
  const connection = await mysqlConnection(url);
  try {
    await connection.query('update product set stock = ? where id = ?', [stock, FLASH_PRODUCT_ID]);
  } finally {
    await connection.end();
  }
}

async function saleOutcome(url: string): Promise<{ paid: number; stock: number }> {
  const connection = await mysqlConnection(url);
  try {
    // wsrep_sync_wait: read on the node after every node's writes have reached it.
    await connection.query('SET SESSION wsrep_sync_wait = 1').catch(() => undefined);
    const [paidRows] = await connection.query(
      'select count(*) as n from `order` o join order_product op on op.order_id = o.id where op.product_id = ? and o.status = 2',
      [FLASH_PRODUCT_ID],
    );
    const [stockRows] = await connection.query('select stock from product where id = ?', [FLASH_PRODUCT_ID]);
    return { paid: Number((paidRows as { n: number }[])[0]!.n), stock: Number((stockRows as { stock: number }[])[0]!.stock) };
  } finally {
    await connection.end();
  }
}

/** The `transactionRetries` each server process logged as it stopped (one line per worker), summed. */
function retriesLogged(logs: readonly string[]): number {
  let total = 0;
  for (const log of logs) {
    if (!existsSync(log)) continue;
    for (const match of readFileSync(log, 'utf8').matchAll(/"transactionRetries":(\d+)/g)) total += Number(match[1]);
  }
  return total;
}
