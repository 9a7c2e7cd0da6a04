/**
 * `npm run bench` measures the shop against the floor of its own SQL, in one run.
 *   --smoke            every scenario, tiny (seconds); exits 1 if an invariant breaks or a scenario fails
 *   --only=1,1b,2,3,3b,4,6  a subset (5 comes with 1; 3b is the flash sale under STOCK_POLICY=on_order;
 *                      6 is the cluster side by side, run when `scripts/services.sh cluster-start` is up)
 *   --profile          start the servers under `node --cpu-prof` (profiles land in the work directory)
 *   --pool=N           MySQL connections of the server (shared among its workers) and of the floor (default: the concurrency, 32)
 *   --workers=N        WEB_CONCURRENCY of the MySQL servers (default: the number of cores, the shop's own default)
 *   --tsx              run the server from source with tsx instead of building it
 *   --log-level=L      the server's LOG_LEVEL (default info, as in production)
 *   --keep             keep the bench databases (weshop_test_bench with 1M orders after a full run, the SQLite file)
 * MariaDB and Redis: MYSQL_URL and REDIS_URL if set, else `scripts/services.sh start`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchMysqlUrl, dropMysqlDatabase, freshMysqlDatabase, freshSqliteFile, mysqlConnection } from './lib/bench-db.js';
import { type BenchContext, FULL_PLAN, SMOKE_PLAN, type ScenarioResult, type ShopDatabase } from './lib/context.js';
import { describeMachine, mariadbPid, serviceUrls } from './lib/environment.js';
import { printReport } from './lib/report.js';
import { type RunningServer, freePort, startServer } from './lib/server.js';
import { ShopClient, buyers } from './lib/shop.js';
import { BenchWeChat } from './lib/wechat.js';
import { clusterScenario, clusterTargets } from './scenarios/cluster.js';
import { embedded } from './scenarios/embedded.js';
import { flashSale } from './scenarios/flash-sale.js';
import { type Buyers, floorVersusHttp } from './scenarios/floor-vs-http.js';
import { fullFlow } from './scenarios/full-flow.js';
import { growth } from './scenarios/growth.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const plan = flag('smoke') ? SMOKE_PLAN : FULL_PLAN;
const only = option('only')?.split(',');
const wants = (id: string) => !only || only.includes(id);
// One pooled connection per concurrent request, on both sides; the server's own default is 20 per process.
const poolSize = Number(option('pool') ?? plan.concurrency);
const workersOption = option('workers');
const logLevel = option('log-level') ?? 'info';
const viaTsx = flag('tsx');
const profile = flag('profile');
const workDir = join(tmpdir(), `weshop-bench-${process.pid}`);
mkdirSync(workDir, { recursive: true });

const started = Date.now();
// The whole run is bounded: a database that vanishes mid-run fails it instead of hanging it.
const limitMs = plan.smoke ? 180_000 : 900_000;
setTimeout(() => {
  console.error(`bench: still running after ${limitMs / 1000} s; stopping`);
  for (const server of servers) void server.stop();
  setTimeout(() => process.exit(1), 2_000);
}, limitMs).unref();
const results: ScenarioResult[] = [];
const failures: { id: string; error: string }[] = [];
const servers: RunningServer[] = [];

async function attempt(id: string, run: () => Promise<ScenarioResult | ScenarioResult[]>): Promise<void> {
  const begin = Date.now();
  console.error(`bench: scenario ${id}…`);
  try {
    const produced = await run();
    results.push(...(Array.isArray(produced) ? produced : [produced]));
  } catch (error) {
    failures.push({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  console.error(`bench: scenario ${id} took ${((Date.now() - begin) / 1000).toFixed(1)} s`);
}

function buildServer(): string {
  if (viaTsx) return join(root, 'src/main.ts');
  console.error('bench: building the server (npm run build)…');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return join(root, 'dist/main.js');
}

async function main(): Promise<number> {
  const { mysqlUrl: serviceMysql, redisUrl } = serviceUrls(root);
  const mysqlUrl = benchMysqlUrl(serviceMysql);
  const machine = await describeMachine(mysqlUrl);
  const entry = buildServer();
  const wechat = await BenchWeChat.start();
  // The MySQL servers run as production does, one process per core unless told; the pool is shared
  // out among them so the server holds as many connections as the floor.
  const workers = Number(workersOption ?? machine.cpus);
  const serverPool = Math.ceil(poolSize / workers);
  const mysqlServer = (extraEnv: Record<string, string> = {}): ShopDatabase => ({
    databaseUrl: withPool(mysqlUrl, serverPool),
    redisUrl,
    extraEnv: { WEB_CONCURRENCY: String(workers), ...extraEnv },
  });
  const context: BenchContext = {
    plan,
    mysqlUrl,
    redisUrl,
    poolSize,
    workDir,
    wechat,
    databasePid: await mariadbPid(mysqlUrl),
    cores: machine.cpus,
    async startShop(name: string, database: ShopDatabase) {
      const port = await freePort();
      const server = await startServer({
        entry,
        viaTsx,
        port,
        logFile: join(workDir, `${name}.log`),
        ...(profile ? { cpuProfileDir: join(workDir, `profile-${name}`) } : {}),
        env: {
          NODE_ENV: 'production',
          HOST: '127.0.0.1',
          DATABASE_URL: database.databaseUrl,
          ...(database.redisUrl ? { REDIS_URL: database.redisUrl } : {}),
          ...wechat.shopEnv,
          WECHAT_NOTIFY_URL: `http://127.0.0.1:${port}/api/v1/pay/notify`,
          // The settlement and refund jobs are periodic background work; a benchmark of the request path leaves them off.
          LIFECYCLE_INTERVAL_SECONDS: '0',
          LOG_LEVEL: logLevel,
          ...database.extraEnv,
        },
      });
      servers.push(server);
      return server;
    },
  };

  try {
    if (['1', '2', '3', '3b', '4'].some(wants)) {
      await freshMysqlDatabase(mysqlUrl);
      const server = await context.startShop('mysql', mysqlServer());
      const shop = new ShopClient(server.url, Math.max(plan.concurrency, plan.growthConcurrency));
      const setupStart = Date.now();
      const tokens = await buyers(shop, 'bench', plan.concurrency, 16);
      const bench: Buyers = { tokens, uids: await userIdsWithAddress(mysqlUrl) };
      console.error(`bench: ${tokens.length} buyers logged in through POST token/user and given an address in ${Date.now() - setupStart} ms`);
      if (wants('1')) await attempt('1', () => floorVersusHttp(context, server, shop, bench));
      if (wants('2')) await attempt('2', () => fullFlow(context, server.pid, shop, bench));
      if (wants('3')) await attempt('3', () => flashSale(context, server, { id: '3', policy: 'on_payment (default)', prefix: 'flash' }));
      if (wants('3b')) {
        // The same sale under the policy meant for it: stock taken when the order is placed.
        const onOrder = await context.startShop('mysql-on-order', mysqlServer({ STOCK_POLICY: 'on_order' }));
        await attempt('3b', () => flashSale(context, onOrder, { id: '3b', policy: 'on_order', prefix: 'flash-on-order' }));
        await onOrder.stop();
      }
      if (wants('4')) await attempt('4', () => growth(context, shop, bench, redisUrl));
      shop.close();
      await server.stop();
    }
    if (wants('1b')) {
      const path = join(workDir, 'embedded.sqlite');
      await freshSqliteFile(path);
      const server = await context.startShop('sqlite', { databaseUrl: path });
      await attempt('1b', () => embedded(context, server, path));
      await server.stop();
      if (!flag('keep')) for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    }
    if (wants('6')) {
      const targets = clusterTargets(root);
      if (targets) await attempt('6', () => clusterScenario(context, targets));
      else console.error('bench: scenario 6 skipped: no cluster (scripts/services.sh cluster-start)');
    }
  } finally {
    for (const server of servers) await server.stop();
    await wechat.close();
    if (!flag('keep')) await dropMysqlDatabase(mysqlUrl).catch(() => undefined);
  }

  const order = ['1', '1b', '2', '3', '3b', '4', '5', '6'];
  results.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  const seconds = Math.round((Date.now() - started) / 1000);
  const report = {
    startedAt: new Date(started).toISOString(),
    seconds,
    mode: plan.smoke ? 'smoke' : 'full',
    machine,
    settings: { poolSize, workers, serverPoolPerWorker: serverPool, logLevel, server: viaTsx ? 'tsx src/main.ts' : 'node dist/main.js', profile: profile ? workDir : null, plan },
    scenarios: results,
    failures,
  };
  writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`weshop bench (${report.mode}) on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}, MariaDB ${machine.mariadb}, Redis ${machine.redis}`);
  console.log(`MySQL servers: WEB_CONCURRENCY=${workers}, pool ${serverPool} per worker (${poolSize} in all, as the floor)`);
  printReport(results, failures);
  console.log(`\n${seconds} s in all; bench/results.json written; server logs${profile ? ' and CPU profiles' : ''} in ${workDir}`);
  const broken = results.some((result) => result.invariants.some((invariant) => !invariant.held));
  return failures.length > 0 || broken ? 1 : 0;
}

function withPool(url: string, size: number): string {
  const parsed = new URL(url);
  parsed.searchParams.set('pool', String(size));
  return parsed.toString();
}

async function userIdsWithAddress(mysqlUrl: string): Promise<number[]> {
  const connection = await mysqlConnection(mysqlUrl);
  try {
    const [rows] = await connection.query('select user_id from user_address order by user_id');
    return (rows as { user_id: number }[]).map((row) => Number(row.user_id));
  } finally {
    await connection.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('bench failed:', error);
    for (const server of servers) void server.stop();
    process.exit(1);
  },
);
