import { expect } from 'chai';
import { type Kysely, sql } from 'kysely';
import { type DB, type Database, openDatabase } from '../../src/adapters/kysely/index.js';
import { repositoriesFor } from '../../src/adapters/kysely/kysely-unit-of-work.js';
import { type Delivery, createSandbox, shopEnvFor } from '../../sandbox/index.js';
import { SystemClock } from '../../src/adapters/system/system.clock.js';
import { type TransactionalRepositories, UnitOfWork } from '../../src/application/index.js';
import { OrderStatus } from '../../src/domain/index.js';
import { isolatedRedis } from '../support/backends.js';
import { HttpClient } from '../support/http-client.js';
import { anAddress } from '../support/mothers.js';
import { Shopper } from '../support/shopper.js';
import { type Backend, describeOnEveryBackend } from './support/backends.js';
import { freePort, startChildShop } from './support/child-shop.js';
import { API, startHostileShop } from './support/hostile-shop.js';
import { diff, takeSnapshot } from './support/snapshot.js';
import { Tally, expectChanges, expectError } from './support/table.js';
import { hostAndPort, startTcpProxy, throughProxy } from './support/tcp-proxy.js';

interface FaultContext {
  readonly label: string;
  readonly backend: Backend;
  readonly tally: Tally;
  /** A fresh, seeded database; on SQLite a file when `file` (so a second handle or process can open it). */
  database(file?: boolean): Promise<{ url: string; drop(): Promise<void> }>;
  /** Runs `cleanup` after the case, pass or fail. */
  defer(cleanup: () => Promise<unknown>): void;
}

/** One fault, injected into a shop of its own; the scenario asserts the answer, what changed and the recovery. */
interface FaultCase {
  name: string;
  run(context: FaultContext): Promise<void>;
}

const PAID_ONCE = [/^order ~1 \(paid_at, status, transaction_id, update_time\)$/, 'payment_notification +1', /^stock \d+: \d+→\d+$/];

export const FAULTS: FaultCase[] = [
  {
    name: 'the database connection drops in the middle of notify handling: FAIL to WeChat, nothing half-written, the retry pays once',
    async run(context) {
      const database = await context.database();
      const dropper = { armed: 0, dropped: 0 };
      const killer = context.label === 'sqlite' ? null : await openDatabase(database.url, { poolSize: 1 });
      if (killer) context.defer(() => killer.close());
      // WeChat's first retry comes 15 s after a FAIL; at 0.05 that is 750 ms, time to look at the database in between.
      const shop = await startHostileShop(database.url, context.backend.redisUrl, {
        sandbox: { timeScale: 0.05 },
        override(container, { resources }) {
          const inner = container.get<UnitOfWork>(UnitOfWork);
          container.rebind(UnitOfWork).toConstantValue(droppingUnitOfWork(resources.database, inner, killer, dropper));
        },
      });
      context.defer(() => shop.close());
      const alice = await shop.shopper.buyer('fault-drop');
      const order = await shop.shopper.placeOrder(alice, [{ product_id: 8, count: 2 }]);
      expect((await shop.shopper.prepay(alice, order.id)).status).to.equal(200);

      const before = await shop.snapshot();
      dropper.armed = 1;
      const paid = shop.sandbox!.pay(order.orderNo);
      const delivery = shop.sandbox!.notifications().find((each) => each.id === paid.notificationId)!;
      await until(() => delivery.attempts.length >= 1, 10_000);
      expect(dropper.dropped, 'the fault struck inside the notification transaction').to.equal(1);
      const first = delivery.attempts[0]!;
      expect(first.answer, JSON.stringify(first)).to.equal('FAIL');
      expect(first.status, JSON.stringify(first)).to.equal(503);
      expect(first.detail).to.match(/<return_code><!\[CDATA\[FAIL\]\]><\/return_code>/);
      const meanwhile = await shop.snapshot();
      context.tally.record(true, expectChanges(before, meanwhile, [], 'after the dropped connection'));
      expect(await shop.orderStatus(order.id)).to.equal(OrderStatus.UNPAID);

      await shop.sandbox!.idle();
      expect(delivery.state).to.equal('ACKNOWLEDGED');
      expect(delivery.attempts.map((attempt) => attempt.answer)).to.deep.equal(['FAIL', 'SUCCESS']);
      const changes = expectChanges(before, await shop.snapshot(), PAID_ONCE, 'after the retry');
      expectStockMoved(changes.summary, 8, 2);
      expect(await shop.orderStatus(order.id)).to.equal(OrderStatus.PAID);
    },
  },
  {
    name: 'the database is down during place-order: 503 with a clear message, no order; back up, orders work again',
    async run(context) {
      const database = await context.database(true);
      if (context.label === 'sqlite') {
        const shop = await startHostileShop(database.url, '');
        context.defer(() => shop.close());
        const alice = await shop.shopper.buyer('fault-db-down');
        const before = await shop.snapshot();
        // The embedded database has no server to lose: its connection closes under the running shop.
        await shop.resources.database.close();
        const answer = await shop.http.post(`${API}/order`, { products: [{ product_id: 1, count: 1 }] }, alice);
        expectUnavailable(answer);
        expect((await shop.http.get('/healthz')).status).to.equal(200);
        expect((await shop.http.get('/readyz')).body.checks).to.deep.equal({ database: 'unavailable' });
        const reopened = await openDatabase(database.url);
        context.defer(() => reopened.close());
        context.tally.record(true, expectChanges(before, await takeSnapshot(reopened.db, shop.tokenCount), [], 'database down'));
        return;
      }
      const proxy = await startTcpProxy(hostAndPort(database.url, 3306));
      context.defer(() => proxy.close());
      const shop = await startHostileShop(throughProxy(database.url, proxy), context.backend.redisUrl);
      context.defer(() => shop.close());
      const alice = await shop.shopper.buyer('fault-db-down');
      const before = await shop.snapshot();
      proxy.cut();
      const started = Date.now();
      const answer = await shop.http.post(`${API}/order`, { products: [{ product_id: 1, count: 1 }] }, alice);
      expectUnavailable(answer);
      expect(Date.now() - started, 'answers while the database is away, not after').to.be.below(10_000);
      expect((await shop.http.get('/healthz')).status).to.equal(200);
      expect((await shop.http.get('/readyz')).status).to.equal(503);
      proxy.restore();
      context.tally.record(true, expectChanges(before, await shop.snapshot(), [], 'database down'));
      const again = await shop.http.post(`${API}/order`, { products: [{ product_id: 1, count: 1 }] }, alice);
      expect(again.status, again.text).to.equal(200);
      expect(again.body.pass).to.equal(true);
    },
  },
  ...(['timeout', 'systemerror'] as const).map(
    (fault): FaultCase => ({
      name: `WeChat unifiedorder ${fault === 'timeout' ? 'times out' : 'answers SYSTEMERROR'}: 502 90001, the order stays UNPAID and is paid later`,
      async run(context) {
        const database = await context.database();
        const shop = await startHostileShop(database.url, context.backend.redisUrl, {
          // The production client with its timeout cut from 5 s to 400 ms, so the case runs in a second.
          payClient: { timeoutMs: 400, maxRetries: 1, backoffMs: 20 },
        });
        context.defer(() => shop.close());
        const sandbox = shop.sandbox;
        const alice = await shop.shopper.buyer(`fault-${fault}`);
        const order = await shop.shopper.placeOrder(alice, [{ product_id: 9, count: 1 }]);

        // Until lifted: a timeout still hands the order to WeChat (processed) and never answers;
        // SYSTEMERROR is WeChat overloaded, answered correctly signed.
        const unifiedOrder = '/pay/unifiedorder';
        const injectFault = (times: number) =>
          fault === 'timeout' ? sandbox.stall(unifiedOrder, { times, processed: true }) : sandbox.fail(unifiedOrder, { times, errCode: 'SYSTEMERROR' });
        injectFault(100);
        const before = await shop.snapshot();
        const started = Date.now();
        const answer = await shop.shopper.prepay(alice, order.id);
        expectError(answer, 502, 90001, /WeChat Pay could not prepare the payment .*the order is unchanged, try again/, fault);
        expect(answer.text).to.not.match(/weshopsandboxkey|sign=/i);
        expect(Date.now() - started).to.be.below(5_000);
        expect(sandbox.calls()[unifiedOrder], 'tried again once, then gave up').to.equal(2);
        // The order's units were held before WeChat was asked, by a write on its row that proves it
        // unpaid (update_time); its status, price and attempts are as they were.
        context.tally.record(true, expectChanges(before, await shop.snapshot(), ['order ~1 (update_time)'], fault));
        expect(await shop.orderStatus(order.id)).to.equal(OrderStatus.UNPAID);

        injectFault(0);
        const later = await shop.shopper.prepay(alice, order.id);
        expect(later.status, later.text).to.equal(200);
        expect(later.body.package).to.match(/^prepay_id=/);
        sandbox.pay(order.orderNo);
        await sandbox.idle();
        expect(await shop.orderStatus(order.id)).to.equal(OrderStatus.PAID);
      },
    }),
  ),
  {
    name: 'Redis goes away: 503 90002 on authenticated routes, the catalogue still served, no crash; back, the same token works',
    async run(context) {
      const database = await context.database();
      const redisUrl = context.backend.redisUrl || (process.env.REDIS_URL ? isolatedRedis(process.env.REDIS_URL) : '');
      const proxy = await startTcpProxy(redisUrl ? hostAndPort(redisUrl, 6379) : null);
      context.defer(() => proxy.close());
      const viaProxy = redisUrl ? throughProxy(redisUrl, proxy) : `redis://127.0.0.1:${proxy.port}`;
      const shop = await startHostileShop(database.url, viaProxy);
      context.defer(() => shop.close());
      const snapshot = () => shop.snapshot();
      const alice = redisUrl ? await shop.shopper.buyer('fault-redis') : 'f'.repeat(32);
      const before = await snapshot();
      proxy.cut();
      const started = Date.now();
      const latencies: number[] = [];
      for (const [method, path, body] of [
        ['GET', '/order/by_user', undefined],
        ['POST', '/order', { products: [{ product_id: 1, count: 1 }] }],
        ['GET', '/address', undefined],
      ] as const) {
        const sent = Date.now();
        const answer = await shop.http.raw(method, `${API}${path}`, body && JSON.stringify(body), { 'content-type': 'application/json', token: alice });
        latencies.push(Date.now() - sent);
        expectUnavailable(answer, `${method} ${path}`);
      }
      expect(Date.now() - started, 'each answer comes within the command timeout').to.be.below(15_000);
      console.log(`      [${context.label}] Redis ${redisUrl ? 'cut' : 'never there'}: 503 after ${latencies.join(', ')} ms`);
      const unchanged = await snapshot();
      context.tally.record(true, expectChanges(before, unchanged, [], 'Redis away'));
      // A login records the WeChat user (find-or-create by openid, harmless to repeat) but gets no token.
      expectUnavailable(await shop.http.post(`${API}/token/user`, { code: 'code-fault-redis-2' }), 'POST /token/user');
      expectChanges(unchanged, await snapshot(), [/^user \+[01]$/], 'login while Redis is away');
      expect((await shop.http.get(`${API}/product/1`)).status).to.equal(200);
      expect((await shop.http.get('/healthz')).status).to.equal(200);
      expect((await shop.http.get('/readyz')).body.checks).to.include({ redis: 'unavailable' });
      if (!redisUrl) return;
      proxy.restore();
      await until(async () => (await shop.http.get(`${API}/address`, alice)).status === 200, 10_000);
      expect((await shop.http.get(`${API}/address`, alice)).body).to.deep.equal(anAddress());
    },
  },
  {
    name: 'the shop is killed (SIGKILL) in a burst of notifications and restarted: each acknowledged one is in the database, each other one is retried and applied once',
    async run(context) {
      const database = await context.database(true);
      const sandbox = createSandbox({ seed: 'fault-kill', timeScale: 0.005 });
      const listening = await sandbox.listen(0);
      context.defer(() => sandbox.close());
      const port = await freePort();
      const env = {
        DATABASE_URL: database.url,
        REDIS_URL: context.backend.redisUrl,
        ...shopEnvFor(listening.url, sandbox.merchant),
        LIFECYCLE_INTERVAL_SECONDS: '0',
        LOG_LEVEL: 'warn',
      };
      let child = await startChildShop(env, port);
      context.defer(() => child.stop());
      const shopper = new Shopper(new HttpClient(child.url));
      const token = await shopper.buyer('fault-kill');
      const orders: { id: number; orderNo: string }[] = [];
      for (let i = 0; i < 40; i++) {
        const placed = await shopper.placeOrder(token, [{ product_id: 10, count: 1 }]);
        expect((await shopper.prepay(token, placed.id)).status).to.equal(200);
        orders.push(placed);
      }
      const direct = await openDatabase(database.url, { poolSize: 1 });
      const noTokens = async () => 0;
      const before = await takeSnapshot(direct.db, noTokens);
      await direct.close();

      const deliveries: Delivery[] = orders.map((order) => {
        const paid = sandbox.pay(order.orderNo);
        return sandbox.notifications().find((each) => each.id === paid.notificationId)!;
      });
      await until(() => deliveries.some((delivery) => delivery.state === 'ACKNOWLEDGED'), 10_000, 1);
      await child.kill9();
      const acknowledged = deliveries.filter((delivery) => delivery.state === 'ACKNOWLEDGED').map((delivery) => delivery.outTradeNo);

      // What the shop said SUCCESS to must be in the database, read by a fresh connection after the crash.
      const afterCrash = await openDatabase(database.url, { poolSize: 1 });
      const paidNow = await paidOrderNos(afterCrash.db);
      await afterCrash.close();
      expect(acknowledged.filter((orderNo) => !paidNow.includes(orderNo)), 'acknowledged but not in the database').to.deep.equal([]);

      child = await startChildShop(env, port);
      await sandbox.idle();
      const retried = deliveries.filter((delivery) => delivery.attempts.some((attempt) => attempt.answer !== 'SUCCESS')).length;
      expect(deliveries.map((delivery) => delivery.state)).to.deep.equal(deliveries.map(() => 'ACKNOWLEDGED'));
      expect(retried, 'some notifications were unanswered when the shop died').to.be.at.least(1);

      const end = await openDatabase(database.url, { poolSize: 1 });
      context.defer(() => end.close());
      const changes = diff(before, await takeSnapshot(end.db, noTokens));
      expect(changes.summary).to.have.members([`order ~${orders.length} (paid_at, status, transaction_id, update_time)`, `payment_notification +${orders.length}`, changes.summary.find((line) => line.startsWith('stock 10:'))!]);
      expectStockMoved(changes.summary, 10, orders.length);
      context.tally.record(false, changes);
      expect((await paidOrderNos(end.db)).sort()).to.deep.equal(orders.map((order) => order.orderNo).sort());
      console.log(
        `      [${context.label}] killed after ${acknowledged.length} of ${orders.length} notifications were acknowledged (${paidNow.length} committed); ${retried} retried after the restart; ${orders.length} PAID once, stock -${orders.length}`,
      );
    },
  },
];

function faultSuite(backend: Backend, label: string): void {
  const tally = new Tally('faults', label);
  let cleanups: (() => Promise<unknown>)[] = [];
  const context: FaultContext = {
    label,
    backend,
    tally,
    async database(file = false) {
      const database = await backend.database({ file });
      cleanups.push(database.drop);
      return database;
    },
    defer: (cleanup) => void cleanups.push(cleanup),
  };
  afterEach(async () => {
    const pending = cleanups.reverse();
    cleanups = [];
    for (const cleanup of pending) await cleanup().catch(() => undefined);
  });
  after(() => tally.print());
  for (const row of FAULTS) {
    it(row.name, async function () {
      this.timeout(60_000);
      await row.run(context);
    });
  }
}

describeOnEveryBackend('hostile table 4: faults', faultSuite);

/** A unit of work that, when armed, loses its database connection after the work and before the commit. */
function droppingUnitOfWork(database: Database, inner: UnitOfWork, killer: Database | null, state: { armed: number; dropped: number }): UnitOfWork {
  return {
    run<T>(work: (repos: TransactionalRepositories) => Promise<T>): Promise<T> {
      if (state.armed === 0) return inner.run(work);
      state.armed--;
      return database.db.transaction().execute(async (trx) => {
        const result = await work(repositoriesFor(trx, new SystemClock()));
        state.dropped++;
        if (!killer) {
          // SQLite has no connection to lose; the driver's I/O failure is what it would see.
          throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
        }
        // MySQL: a second connection kills this one, as a failover or a network cut would.
        const { rows } = await sql<{ id: number }>`select connection_id() as id`.execute(trx);
        const id = Number(rows[0]!.id);
        await sql.raw(`KILL ${id}`).execute(killer.db);
        await until(async () => {
          const { rows: left } = await sql<{ n: number }>`select count(*) as n from information_schema.processlist where id = ${id}`.execute(killer.db);
          return Number(left[0]!.n) === 0;
        }, 5_000);
        return result;
      });
    },
  };
}

function expectUnavailable(answer: { status: number; body: { error_code?: number; msg?: string }; text: string }, context = ''): void {
  expect(answer.status, `${context} ${answer.text}`).to.equal(503);
  expect(answer.body.error_code, context).to.equal(90002);
  expect(answer.body.msg, context).to.match(/unavailable; try again/);
  expect(answer.text, 'no internals').to.not.match(/kysely|sqlite|mysql|ioredis|ECONN|stack|at /i);
}

function expectStockMoved(summary: string[], productId: number, by: number): void {
  const line = summary.find((entry) => entry.startsWith(`stock ${productId}:`));
  const [, from, to] = /(\d+)→(\d+)/.exec(line ?? '') ?? [];
  expect(Number(from) - Number(to), `stock of product ${productId}: ${line}`).to.equal(by);
}

async function paidOrderNos(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('order').select('order_no').where('status', '=', OrderStatus.PAID).execute();
  return rows.map((row) => row.order_no);
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, pollMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
