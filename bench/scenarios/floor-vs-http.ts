import type { BenchContext, ScenarioResult } from '../lib/context.js';
import { type CpuSplit, NO_CPU, addCpu, cpuDuring, describeCpu, serverCpuMs } from '../lib/cpu.js';
import { StatementCounter } from '../lib/environment.js';
import { type FloorOrder, mysqlFloor } from '../lib/floor.js';
import { type LoadResult, runLoad } from '../lib/load.js';
import type { ProcessMemory, RunningServer } from '../lib/server.js';
import type { ShopClient } from '../lib/shop.js';
import { Latencies, round } from '../lib/stats.js';

/** Two neighbouring products per order, rotating over 50, the same on both sides. */
export function twoLines(index: number): number[] {
  const first = 1 + (index % 49);
  return [first, first + 1];
}

export interface Buyers {
  readonly tokens: readonly string[];
  /** The same buyers' user ids, for the floor. */
  readonly uids: readonly number[];
}

/** Places an order over HTTP and insists it passed. */
export async function placeOverHttp(shop: ShopClient, token: string, productIds: readonly number[]): Promise<number> {
  const placed = await shop.place(
    token,
    productIds.map((id) => ({ product_id: id, count: 1 })),
  );
  if (!placed.pass) throw new Error('place-order answered pass:false');
  return placed.order_id;
}

interface Side {
  cpu: CpuSplit;
  completed: number;
  elapsedMs: number;
  errors: number;
  statements: number;
  firstError?: string;
}

const add = (side: Side, run: LoadResult, statements: number, cpu: CpuSplit) => {
  side.cpu = addCpu(side.cpu, cpu);
  side.completed += run.completed;
  side.elapsedMs += run.elapsedMs;
  side.errors += run.errors;
  side.statements += statements;
  side.firstError ??= run.firstError;
};

const perSecond = (side: Side) => (side.completed * 1000) / side.elapsedMs;

/**
 * Scenario 1 (floor SQL with mysql2 against place-order over HTTP, alternating on the same
 * database) and scenario 5 (the server's memory before and after it).
 */
export async function floorVersusHttp(context: BenchContext, server: RunningServer, shop: ShopClient, buyers: Buyers): Promise<ScenarioResult[]> {
  const { plan } = context;
  const memoryBefore = server.memory();
  const orderFor = (worker: number, index: number): FloorOrder => ({ uid: buyers.uids[worker % buyers.uids.length]!, productIds: twoLines(index) });
  const httpOrder = (worker: number, index: number) => placeOverHttp(shop, buyers.tokens[worker % buyers.tokens.length]!, twoLines(index));

  // JIT and pools warm on both sides before anything counts.
  await runLoad({ concurrency: plan.concurrency, durationMs: plan.warmupMs }, httpOrder);
  await mysqlFloor(context.mysqlUrl, { concurrency: plan.concurrency, poolSize: context.poolSize, durationMs: plan.warmupMs / 2, latencies: new Latencies() }, orderFor);

  const floor: Side = { cpu: NO_CPU, completed: 0, elapsedMs: 0, errors: 0, statements: 0 };
  const http: Side = { cpu: NO_CPU, completed: 0, elapsedMs: 0, errors: 0, statements: 0 };
  const pids = { server: server.pid, database: context.databasePid };
  const floorLatency = new Latencies();
  const httpLatency = new Latencies();
  const counter = await StatementCounter.open(context.mysqlUrl);
  try {
    for (let roundNo = 0; roundNo < plan.rounds; roundNo++) {
      let before = await counter.read();
      const floorRun = await cpuDuring(pids, () =>
        mysqlFloor(context.mysqlUrl, { concurrency: plan.concurrency, poolSize: context.poolSize, durationMs: plan.legMs, latencies: floorLatency }, orderFor),
      );
      add(floor, floorRun.result, (await counter.read()) - before, floorRun.cpu);
      before = await counter.read();
      const httpRun = await cpuDuring(pids, () =>
        runLoad({ concurrency: plan.concurrency, durationMs: plan.legMs }, (worker, index) => httpLatency.time(() => httpOrder(worker, index))),
      );
      add(http, httpRun.result, (await counter.read()) - before, httpRun.cpu);
    }
  } finally {
    await counter.close();
  }
  const memoryAfter = server.memory();
  const largest = (memory: ProcessMemory[], field: 'rssMb' | 'peakMb') => Math.max(...memory.map((each) => each[field]));
  const total = (memory: ProcessMemory[]) => memory.reduce((sum, each) => sum + each.rssMb, 0);
  const rssBefore = largest(memoryBefore, 'rssMb');
  const rssAfter = largest(memoryAfter, 'rssMb');
  const rssPeak = largest(memoryAfter, 'peakMb');
  const perProcess = (memory: ProcessMemory[]) => memory.map((each) => `${each.rssMb}/${each.peakMb}`).join(', ');

  const floorRate = perSecond(floor);
  const httpRate = perSecond(http);
  const ratio = httpRate / floorRate;
  // Questions is server-wide: what the floor counted beyond its known 6 statements is other
  // clients' traffic, a rate that is taken off the HTTP count too.
  const floorStatements = floor.statements / floor.completed;
  const noisePerSecond = Math.max(0, (floor.statements - 6 * floor.completed) / (floor.elapsedMs / 1000));
  const httpStatements = (http.statements - noisePerSecond * (http.elapsedMs / 1000)) / http.completed;
  const floorLat = floorLatency.summary();
  const httpLat = httpLatency.summary();

  const scenario1: ScenarioResult = {
    id: '1',
    title: `Floor (mysql2, ${plan.concurrency} loops, pool ${context.poolSize}) vs place-order over HTTP (${plan.concurrency} connections), MariaDB + Redis`,
    figures: {
      'floor orders/s': round(floorRate, 0),
      'HTTP orders/s': round(httpRate, 0),
      ratio: round(ratio, 2),
      'floor p50/p99 ms': `${floorLat.p50} / ${floorLat.p99}`,
      'HTTP p50/p99 ms': `${httpLat.p50} / ${httpLat.p99}`,
      'statements/order HTTP (Questions, noise taken off)': round(httpStatements, 2),
      'other clients on MariaDB, statements/s': round(noisePerSecond, 0),
      'CPU floor': describeCpu(floor.cpu, floor.completed, context.cores),
      'CPU HTTP': describeCpu(http.cpu, http.completed, context.cores),
      'server CPU ms/order (all its processes)': serverCpuMs(http.cpu, http.completed),
    },
    targets: [
      { name: 'HTTP / floor', goal: '≥ 0.8', value: round(ratio, 2).toString(), met: ratio >= 0.8 },
      { name: 'HTTP orders/s', goal: '> 1,110', value: round(httpRate, 0).toString(), met: httpRate > 1110 },
    ],
    invariants: [
      { name: 'no failed orders', held: floor.errors === 0 && http.errors === 0, detail: `floor ${floor.errors}, HTTP ${http.errors}${http.firstError ? ` (${http.firstError})` : ''}${floor.firstError ? ` (${floor.firstError})` : ''}` },
    ],
    details: { floorStatementsCounted: floorStatements, noisePerSecond, floor: { ...floor, perSecond: floorRate, latency: floorLat }, http: { ...http, perSecond: httpRate, latency: httpLat }, ratio },
  };
  const scenario5: ScenarioResult = {
    id: '5',
    title: `Server memory around scenario 1, per process (${memoryAfter.length}: the primary and its workers; VmRSS / VmHWM from /proc)`,
    figures: {
      'RSS before MB, largest process / all': `${rssBefore} / ${total(memoryBefore)}`,
      'RSS after MB, largest process / all': `${rssAfter} / ${total(memoryAfter)}`,
      'peak RSS MB, largest process': rssPeak,
      'each process after, RSS/peak MB': perProcess(memoryAfter),
    },
    targets: [
      {
        name: 'RSS per process before / after scenario 1, and its peak under load',
        goal: '< 200 MB',
        value: `${rssBefore} / ${rssAfter} MB, peak ${rssPeak} MB (all processes: ${total(memoryBefore)} / ${total(memoryAfter)} MB)`,
        met: rssBefore < 200 && rssAfter < 200 && rssPeak < 200,
      },
    ],
    invariants: [],
    details: { rssBefore, rssAfter, rssPeak, memoryBefore, memoryAfter, pid: server.pid },
  };
  return [scenario1, scenario5];
}
