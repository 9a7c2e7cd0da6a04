import type { BenchContext, ScenarioResult } from '../lib/context.js';
import { mysqlConnection } from '../lib/bench-db.js';
import { type CpuSplit, NO_CPU, addCpu, cpuDuring, describeCpu, serverCpuMs } from '../lib/cpu.js';
import { mysqlFlowFloor } from '../lib/floor.js';
import { type LoadResult, runLoad } from '../lib/load.js';
import type { ShopClient } from '../lib/shop.js';
import { Latencies, round } from '../lib/stats.js';
import { type Buyers, placeOverHttp, twoLines } from './floor-vs-http.js';

/**
 * Scenario 2: place → pre_order (the server asks the sandbox for a prepay id) → the sandbox pays
 * and notifies → the notification is handled, per order; against the floor of the same statements.
 */
export async function fullFlow(context: BenchContext, serverPid: number, shop: ShopClient, buyers: Buyers): Promise<ScenarioResult> {
  const { plan } = context;
  const steps = { place: new Latencies(), preOrder: new Latencies(), notify: new Latencies(), flow: new Latencies() };
  const floorLatency = new Latencies();
  const flow = async (worker: number, index: number) => {
    const token = buyers.tokens[worker % buyers.tokens.length]!;
    await steps.flow.time(async () => {
      const orderId = await steps.place.time(() => placeOverHttp(shop, token, twoLines(index)));
      const prepared = await steps.preOrder.time(() => shop.prepayId(token, orderId));
      if (!('prepayId' in prepared)) throw new Error(`pre_order answered ${JSON.stringify(prepared.body)}`);
      const delivery = await steps.notify.time(() => context.wechat.payAndAwaitNotify(prepared.prepayId));
      if (delivery.attempts.length !== 1) throw new Error(`notification needed ${delivery.attempts.length} attempts`);
    });
  };
  const floorOrder = (worker: number, index: number) => ({ uid: buyers.uids[worker % buyers.uids.length]!, productIds: twoLines(index) });

  const paidBefore = await paidOrders(context.mysqlUrl, buyers.uids);
  await runLoad({ concurrency: plan.concurrency, durationMs: plan.warmupMs / 2 }, flow);
  const floorRuns: LoadResult[] = [];
  const httpRuns: LoadResult[] = [];
  let httpPaidBefore = 0;
  let httpPaid = 0;
  const pids = { server: serverPid, database: context.databasePid };
  let floorCpu: CpuSplit = NO_CPU;
  let httpCpu: CpuSplit = NO_CPU;
  for (let roundNo = 0; roundNo < plan.rounds; roundNo++) {
    const floorRun = await cpuDuring(pids, () =>
      mysqlFlowFloor(context.mysqlUrl, { concurrency: plan.concurrency, poolSize: context.poolSize, durationMs: plan.legMs, latencies: floorLatency }, floorOrder),
    );
    floorRuns.push(floorRun.result);
    floorCpu = addCpu(floorCpu, floorRun.cpu);
    httpPaidBefore = await paidOrders(context.mysqlUrl, buyers.uids);
    const httpRun = await cpuDuring(pids, () => runLoad({ concurrency: plan.concurrency, durationMs: plan.legMs }, flow));
    httpRuns.push(httpRun.result);
    httpCpu = addCpu(httpCpu, httpRun.cpu);
    httpPaid += (await paidOrders(context.mysqlUrl, buyers.uids)) - httpPaidBefore;
  }
  await context.wechat.sandbox.idle();
  const sum = (runs: LoadResult[]) => ({
    completed: runs.reduce((n, run) => n + run.completed, 0),
    errors: runs.reduce((n, run) => n + run.errors, 0),
    elapsedMs: runs.reduce((n, run) => n + run.elapsedMs, 0),
    firstError: runs.find((run) => run.firstError)?.firstError,
  });
  const floor = sum(floorRuns);
  const http = sum(httpRuns);
  const floorRate = (floor.completed * 1000) / floor.elapsedMs;
  const httpRate = (http.completed * 1000) / http.elapsedMs;
  const ratio = httpRate / floorRate;
  const summary = Object.fromEntries(Object.entries(steps).map(([name, latencies]) => [name, latencies.summary()]));
  const show = (name: keyof typeof steps) => `${summary[name]!.p50} / ${summary[name]!.p99}`;
  const unpaidLeft = await unpaidWithPrepay(context.mysqlUrl, buyers.uids);
  return {
    id: '2',
    title: `Full flow over HTTP with the sandbox (${plan.concurrency} connections) vs the floor of its statements`,
    figures: {
      'floor flows/s': round(floorRate, 0),
      'HTTP flows/s': round(httpRate, 0),
      ratio: round(ratio, 2),
      'place p50/p99 ms': show('place'),
      'pre_order p50/p99 ms': show('preOrder'),
      'pay→notify handled p50/p99 ms': show('notify'),
      'whole flow p50/p99 ms': show('flow'),
      'CPU floor (per flow)': describeCpu(floorCpu, floor.completed, context.cores),
      'CPU HTTP (per flow; bench includes the sandbox)': describeCpu(httpCpu, http.completed, context.cores),
      'server CPU ms/flow (all its processes)': serverCpuMs(httpCpu, http.completed),
    },
    targets: [{ name: 'flows/s vs floor', goal: '≥ 0.6', value: round(ratio, 2).toString(), met: ratio >= 0.6 }],
    invariants: [
      { name: 'no failed flows', held: http.errors === 0 && floor.errors === 0, detail: `HTTP ${http.errors}${http.firstError ? ` (${http.firstError})` : ''}, floor ${floor.errors}${floor.firstError ? ` (${floor.firstError})` : ''}` },
      { name: 'every completed HTTP flow left its order PAID', held: httpPaid === http.completed, detail: `${httpPaid} newly PAID for ${http.completed} flows` },
      { name: 'no paid-for order left UNPAID', held: unpaidLeft === 0, detail: `${unpaidLeft} UNPAID orders with a notification` },
    ],
    details: { floor: { ...floor, perSecond: floorRate, latency: floorLatency.summary() }, http: { ...http, perSecond: httpRate }, steps: summary, ratio, paidBefore },
  };
}

async function paidOrders(mysqlUrl: string, uids: readonly number[]): Promise<number> {
  const connection = await mysqlConnection(mysqlUrl);
  try {
    const [rows] = await connection.query('select count(*) as n from `order` where status = 2 and user_id in (?)', [uids]);
    return Number((rows as { n: number }[])[0]!.n);
  } finally {
    await connection.end();
  }
}

/** Orders whose payment notification was recorded yet which are still UNPAID: never expected. */
async function unpaidWithPrepay(mysqlUrl: string, uids: readonly number[]): Promise<number> {
  const connection = await mysqlConnection(mysqlUrl);
  try {
    const [rows] = await connection.query(
      'select count(*) as n from `order` o join payment_notification n on n.order_id = o.id where o.status = 1 and o.user_id in (?)',
      [uids],
    );
    return Number((rows as { n: number }[])[0]!.n);
  } finally {
    await connection.end();
  }
}
