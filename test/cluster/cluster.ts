import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type Kysely, sql } from 'kysely';
import { type DB, defaultAdminSecret, migrateToLatest, openDatabase, seedDemoData } from '../../src/adapters/kysely/index.js';
import { shopEnvFor } from '../../sandbox/index.js';
import { HttpClient } from '../support/http-client.js';
import { ADMIN_APP, type RealShop, type ShopOverHttp, startRealShop, startRealShopWithoutSandbox } from '../support/shop.js';
import { Shopper } from '../support/shopper.js';

/*
 * The cluster the suites in this folder run on: `scripts/services.sh cluster-start` starts three
 * Galera nodes and Redis behind Sentinels and writes .services/cluster.env (GALERA_URLS,
 * CLUSTER_REDIS_SENTINELS, CLUSTER_REDIS_SENTINEL_NAME). Without it the suites are skipped on a developer's
 * machine and fail in CI, as the MySQL suites do.
 */

export interface ClusterEnv {
  readonly galeraUrls: readonly string[];
  readonly sentinels: string;
  readonly sentinelName: string;
}

export function clusterEnv(): ClusterEnv | null {
  const urls = process.env.GALERA_URLS?.split(',').filter(Boolean) ?? [];
  const sentinels = process.env.CLUSTER_REDIS_SENTINELS ?? '';
  const sentinelName = process.env.CLUSTER_REDIS_SENTINEL_NAME ?? '';
  return urls.length === 3 && sentinels && sentinelName ? { galeraUrls: urls, sentinels, sentinelName } : null;
}

export function describeOnCluster(title: string, suite: (this: Mocha.Suite, env: ClusterEnv) => void): void {
  const env = clusterEnv();
  if (env) {
    describe(title, function () {
      this.timeout(180_000);
      suite.call(this, env);
    });
  } else if (process.env.CI === 'true') {
    describe(title, () => {
      it('needs the cluster', () => {
        throw new Error('GALERA_URLS, CLUSTER_REDIS_SENTINELS and CLUSTER_REDIS_SENTINEL_NAME are not set: run scripts/services.sh cluster-start and source .services/cluster.env');
      });
    });
  } else {
    describe.skip(`${title} (no cluster: scripts/services.sh cluster-start && source .services/cluster.env)`, () => undefined);
  }
}

/** Three shops, one per Galera node, sharing one WeChat Pay sandbox (the first shop's) and Redis through Sentinel. */
export interface Cluster {
  readonly shops: readonly ShopOverHttp[];
  /** The shop that owns the sandbox, and its shopper who pays there. */
  readonly first: RealShop;
  /** A client per node, on the suite's own database, for checks by SQL. */
  readonly nodes: readonly Kysely<DB>[];
  /** Waits until every node has applied the same last write set. */
  synced(): Promise<void>;
  close(): Promise<void>;
}

const exec = promisify(execFile);

/** `scripts/services.sh cluster-node-stop|cluster-node-start N` (N from 1). */
export async function clusterNode(action: 'stop' | 'start', node: number): Promise<void> {
  await exec('scripts/services.sh', [`cluster-node-${action}`, String(node)], { timeout: 150_000 });
}

function onDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function startCluster(env: ClusterEnv, suffix: string, shopEnv: Record<string, string> = {}): Promise<Cluster> {
  const name = `weshop_test_c${process.pid}_${suffix}`;
  const admin = await openDatabase(env.galeraUrls[0]!, { poolSize: 1 });
  await sql`drop database if exists ${sql.id(name)}`.execute(admin.db);
  await sql`create database ${sql.id(name)} character set utf8mb4 collate utf8mb4_unicode_ci`.execute(admin.db);
  await admin.close();
  const urls = env.galeraUrls.map((url) => onDatabase(url, name));
  // Migrated once, before any instance starts (as `npm run db:migrate` does on a cluster): each
  // instance's own start-up migration then finds nothing to do.
  const setup = await openDatabase(urls[0]!, { poolSize: 1 });
  await migrateToLatest(setup.db);
  await seedDemoData(setup.db, { adminSecret: defaultAdminSecret });
  await setup.close();
  const redis = { REDIS_SENTINELS: env.sentinels, REDIS_SENTINEL_NAME: env.sentinelName, ...shopEnv };
  const first = await startRealShop(urls[0]!, '', { env: redis });
  const sandboxEnv = shopEnvFor(first.sandbox.url, first.sandbox.merchant);
  // The two others start at once, as a rollout would start them; their start-up migrations find nothing to do.
  const others: ShopOverHttp[] = await Promise.all(urls.slice(1).map((url) => startRealShopWithoutSandbox(url, '', { env: { ...redis, ...sandboxEnv } })));
  const shops = [first, ...others].map((shop) => {
    const http = new HttpClient(shop.url);
    return { ...shop, http, shopper: new Shopper(http, { sandbox: first.sandbox, app: ADMIN_APP }) };
  });
  const nodes = await Promise.all(urls.map(async (url) => (await openDatabase(url, { poolSize: 2 })).db));
  return {
    shops,
    first,
    nodes,
    async synced() {
      for (let tries = 0; tries < 200; tries++) {
        const seqnos = await Promise.all(
          nodes.map(async (db) => (await sql<{ Value: string }>`show global status like 'wsrep_last_committed'`.execute(db)).rows[0]?.Value),
        );
        if (new Set(seqnos).size === 1) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the nodes did not agree on wsrep_last_committed');
    },
    async close() {
      for (const shop of [...others, first]) await shop.close().catch(() => undefined);
      for (const db of nodes.slice(1)) await db.destroy().catch(() => undefined);
      await sql`drop database if exists ${sql.id(name)}`.execute(nodes[0]!).catch(() => undefined);
      await nodes[0]!.destroy().catch(() => undefined);
    },
  };
}
