import SqliteDatabase from 'better-sqlite3';
import type { BenchContext, ScenarioResult } from '../lib/context.js';
import { type CpuSplit, NO_CPU, addCpu, cpuDuring, describeCpu, serverCpuMs } from '../lib/cpu.js';
import { sqliteFloor } from '../lib/floor.js';
import { type LoadResult, runLoad } from '../lib/load.js';
import type { RunningServer } from '../lib/server.js';
import { ShopClient, buyers } from '../lib/shop.js';
import { Latencies, round } from '../lib/stats.js';
import { placeOverHttp, twoLines } from './floor-vs-http.js';

/**
 * Scenario 1b: the embedded default (SQLite file, memory tokens). The floor runs the same
 * statements with better-sqlite3 on the same file while the server idles; SQLite has one writer,
 * so the floor is one tight loop and HTTP gets its connections.
 */
export async function embedded(context: BenchContext, server: RunningServer, path: string): Promise<ScenarioResult> {
  const { plan } = context;
  // A client per HTTP leg: the synchronous floor blocks this process for a whole leg, long enough
  // for the server to close idle keep-alive sockets without this side noticing.
  let shop = new ShopClient(server.url, plan.concurrency);
  try {
    const tokens = await buyers(shop, 'embedded', plan.concurrency, 16);
    const uids = userIdsWithAddress(path);
    const httpOrder = (worker: number, index: number) => placeOverHttp(shop, tokens[worker % tokens.length]!, twoLines(index));
    const pids = { server: server.pid, database: null };
    let floorCpu: CpuSplit = NO_CPU;
    let httpCpu: CpuSplit = NO_CPU;
    const floorOrder = (index: number) => ({ uid: uids[index % uids.length]!, productIds: twoLines(index) });
    await runLoad({ concurrency: plan.concurrency, durationMs: plan.warmupMs }, httpOrder);
    sqliteFloor(path, plan.warmupMs / 2, new Latencies(), floorOrder);

    const floorLatency = new Latencies();
    const httpLatency = new Latencies();
    const floorRuns: LoadResult[] = [];
    const httpRuns: LoadResult[] = [];
    for (let roundNo = 0; roundNo < plan.rounds; roundNo++) {
      const floorRun = await cpuDuring(pids, async () => sqliteFloor(path, plan.legMs, floorLatency, floorOrder));
      floorRuns.push(floorRun.result);
      floorCpu = addCpu(floorCpu, floorRun.cpu);
      shop.close();
      shop = new ShopClient(server.url, plan.concurrency);
      const httpRun = await cpuDuring(pids, () =>
        runLoad({ concurrency: plan.concurrency, durationMs: plan.legMs }, (w, i) => httpLatency.time(() => httpOrder(w, i))),
      );
      httpRuns.push(httpRun.result);
      httpCpu = addCpu(httpCpu, httpRun.cpu);
    }
    const rate = (runs: LoadResult[]) => (runs.reduce((n, r) => n + r.completed, 0) * 1000) / runs.reduce((n, r) => n + r.elapsedMs, 0);
    const errors = (runs: LoadResult[]) => runs.reduce((n, r) => n + r.errors, 0);
    const floorRate = rate(floorRuns);
    const httpRate = rate(httpRuns);
    const ratio = httpRate / floorRate;
    const floorLat = floorLatency.summary();
    const httpLat = httpLatency.summary();
    const firstError = [...httpRuns, ...floorRuns].find((run) => run.firstError)?.firstError;
    return {
      id: '1b',
      title: `Embedded default: floor (better-sqlite3, one loop) vs place-order over HTTP (${plan.concurrency} connections), SQLite + memory tokens`,
      figures: {
        'floor orders/s': round(floorRate, 0),
        'HTTP orders/s': round(httpRate, 0),
        ratio: round(ratio, 2),
        'floor p50/p99 ms': `${floorLat.p50} / ${floorLat.p99}`,
        'HTTP p50/p99 ms': `${httpLat.p50} / ${httpLat.p99}`,
        'CPU floor': describeCpu(floorCpu, floorRuns.reduce((n, r) => n + r.completed, 0), context.cores),
        'CPU HTTP': describeCpu(httpCpu, httpRuns.reduce((n, r) => n + r.completed, 0), context.cores),
        'server CPU ms/order (all its processes)': serverCpuMs(httpCpu, httpRuns.reduce((n, r) => n + r.completed, 0)),
        'server RSS / peak MB, largest process': `${server.rssMb()} / ${server.rssMb('VmHWM')}`,
      },
      targets: [{ name: 'HTTP / floor', goal: '≥ 0.5', value: round(ratio, 2).toString(), met: ratio >= 0.5 }],
      invariants: [
        {
          name: 'no failed orders',
          held: errors(floorRuns) === 0 && errors(httpRuns) === 0,
          detail: `floor ${errors(floorRuns)}, HTTP ${errors(httpRuns)}${firstError ? ` (${firstError})` : ''}`,
        },
      ],
      details: { floor: { perSecond: floorRate, latency: floorLat, runs: floorRuns }, http: { perSecond: httpRate, latency: httpLat, runs: httpRuns }, ratio },
    };
  } finally {
    shop.close();
  }
}

function userIdsWithAddress(path: string): number[] {
  const sqlite = new SqliteDatabase(path, { readonly: true });
  try {
    return (sqlite.prepare('select user_id from user_address order by user_id').all() as { user_id: number }[]).map((row) => row.user_id);
  } finally {
    sqlite.close();
  }
}
