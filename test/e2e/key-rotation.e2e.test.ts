import { expect } from 'chai';
import { type Server, type Socket, connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { type ListeningSandbox, type Sandbox, type SandboxV3Mode, createSandbox, shopEnvFor } from '../../sandbox/index.js';
import { FixedClock } from '../../src/adapters/fakes/fixed.clock.js';
import type { LifecycleRun } from '../../src/adapters/jobs/lifecycle-jobs.js';
import { OrderStatus } from '../../src/domain/index.js';
import { type ShopBackend, describeOnRealBackends } from '../support/backends.js';
import { ADMIN_APP, type ShopOverHttp, startRealShopWithoutSandbox } from '../support/shop.js';
import { API, Shopper } from '../support/shopper.js';

const GRACE_SECONDS = 300;
const LEASE_SECONDS = 120;

/**
 * The load balancer in front of the shop's instances: one address for WeChat's notifications while
 * the instances behind it are replaced one by one.
 */
interface Front {
  readonly url: string;
  route(to: ShopOverHttp): void;
  close(): Promise<void>;
}

async function startFront(): Promise<Front> {
  let upstream = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const remote = connect(upstream, '127.0.0.1');
    for (const socket of [client, remote]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(remote).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    route: (to) => void (upstream = Number(new URL(to.url).port)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A merchant's run through WeChat's key changes, on one database (and Redis) behind one notify URL:
 * platform certificates, a certificate rotation, the switch-over to the public key (both kinds of
 * signature at once), then the public key alone; at each step the instances are replaced by ones
 * configured as the merchant would then configure them. Payments notified, lost and recovered,
 * refunds sent and notified, late duplicates: nothing may be lost, applied twice or retried.
 */
function keyChangeSuite(backend: ShopBackend): void {
  let sandbox: Sandbox;
  let listening: ListeningSandbox;
  let front: Front;
  let drop: () => Promise<void>;
  let databaseUrl: string;
  const clock = new FixedClock(new Date());
  const running = new Set<ShopOverHttp>();

  before(async () => {
    ({ url: databaseUrl, drop } = await backend.database({ file: true }));
    sandbox = createSandbox({ seed: 'key-change', timeScale: 0.001, now: () => clock.now(), refundSettleSeconds: null, v3: { mode: 'certificate' } });
    listening = await sandbox.listen(0);
    front = await startFront();
  });
  after(async () => {
    for (const shop of running) await shop.close();
    await sandbox?.close();
    await front?.close();
    await drop?.();
  });

  /** An instance configured for `keys` (how the merchant's settings read at that step), behind the front. */
  async function instance(keys: SandboxV3Mode) {
    const shop = await startRealShopWithoutSandbox(databaseUrl, backend.redisUrl, {
      env: {
        ...shopEnvFor(listening.url, sandbox.merchant, { ...sandbox.merchantV3, mode: keys }),
        WECHAT_NOTIFY_URL: `${front.url}${API}/pay/notify`,
        WECHAT_REFUND_NOTIFY_URL: `${front.url}${API}/pay/refund_notify`,
        NOTIFICATION_GRACE_SECONDS: String(GRACE_SECONDS),
        JOB_ITEM_LEASE_SECONDS: String(LEASE_SECONDS),
      },
      clock,
      payClient: { timeoutMs: 2000, maxRetries: 0 },
    });
    running.add(shop);
    const shopper = new Shopper(shop.http, { sandbox, app: ADMIN_APP });
    return { ...shop, shopper };
  }
  type Instance = Awaited<ReturnType<typeof instance>>;

  /** The front now sends everything to `next`; `previous` stops once nothing is in flight. */
  async function replace(previous: Instance, next: Instance): Promise<void> {
    front.route(next);
    await sandbox.idle();
    await previous.close();
    running.delete(previous);
  }

  async function runJobs(shop: Instance): Promise<LifecycleRun> {
    const run = await shop.jobs.runOnce();
    expect([...run.settlement.errors, ...run.refunds.errors], JSON.stringify(run)).to.deep.equal([]);
    return run;
  }

  const statusOf = async (shop: Instance, orderId: number) => {
    const row = await shop.resources.database.db.selectFrom('order').select('status').where('id', '=', orderId).executeTakeFirstOrThrow();
    return Number(row.status);
  };
  const recorded = async (shop: Instance, orderId: number) =>
    (await shop.resources.database.db.selectFrom('payment_notification').select('outcome').where('order_id', '=', orderId).orderBy('id').execute()).map((row) => row.outcome);
  const refundsOf = async (shop: Instance, orderId: number) =>
    (await shop.resources.database.db.selectFrom('refund').select(['out_refund_no', 'status']).where('order_id', '=', orderId).orderBy('id').execute()).map((row) => row.status);
  const downloads = () => sandbox.calls()['/v3/certificates'] ?? 0;
  const serialsOf = (orderNo: string) => sandbox.notifications().filter((note) => note.outTradeNo === orderNo).flatMap((note) => note.attempts.map((attempt) => attempt.serial ?? ''));

  it('certificates, a rotation, the switch-over and the public key alone: every payment applied once, every refund recorded, no notification retried', async function () {
    this.timeout(60_000);
    const serials = () => sandbox.v3.state();
    // 1. A merchant on platform certificates.
    const first = await instance('certificate');
    front.route(first);
    expect(downloads(), 'downloaded before serving').to.equal(1);
    let token = await first.shopper.buyer('keys-alice');
    const order = async (shop: Instance) => shop.shopper.placeAndPrepay(token, [{ product_id: 21, count: 1 }]);
    const p1 = await order(first);
    await first.shopper.pay(p1.orderNo);
    const p2 = await order(first);
    sandbox.pay(p2.orderNo, 'SUCCESS', { notify: false });
    const p8 = await order(first); // paid only at the very end

    // 2. WeChat rotates its platform certificate: the new one signs from now on, unknown to the shop until it asks.
    const before = serials();
    sandbox.v3.rotateCertificate();
    const p3 = await order(first);
    await first.shopper.pay(p3.orderNo);
    expect(downloads(), 'one more download, for the serial it did not know').to.equal(2);
    expect(serialsOf(p3.orderNo)).to.not.include(serialsOf(p1.orderNo)[0]);
    clock.advance((GRACE_SECONDS + 1) * 1000);
    // p2's lost notification recovered by a query answered under the new certificate; p8 is not paid yet.
    expect((await runJobs(first)).settlement.outcomes).to.deep.equal({ PAID: 1, STILL_UNPAID: 1 });
    const cms = await first.shopper.superToken();
    const refund1 = await first.http.post(`${API}/order/refund`, { id: p1.id, refund_fee: '1.00', reason: '轮换时退款' }, cms);
    expect(refund1.body.status, refund1.text).to.equal('REFUNDING');
    sandbox.v3.dropOldCertificates();
    expect(serials()).to.not.deep.equal(before);

    // 3. WeChat moves the merchant to its public key: both signatures for a while; the merchant sets
    //    the public key beside the certificates, one instance after the other.
    const second = await instance('both');
    expect(downloads(), 'the new instance trusts the stored certificates').to.equal(2);
    await replace(first, second);
    sandbox.v3.setMode('both');
    token = await second.shopper.buyer('keys-alice');
    const p4 = await order(second);
    await second.shopper.pay(p4.orderNo);
    const p5 = await order(second);
    await second.shopper.pay(p5.orderNo);
    const p6 = await order(second);
    sandbox.pay(p6.orderNo, 'SUCCESS', { notify: false });
    sandbox.settleRefund(refund1.body.out_refund_no);
    sandbox.sendLate(p2.orderNo, 0);
    await sandbox.idle();
    clock.advance((GRACE_SECONDS + 1) * 1000);
    expect((await runJobs(second)).settlement.outcomes, 'p6 recovered, p8 still unpaid').to.deep.equal({ PAID: 1, STILL_UNPAID: 1 });
    const switchSerials = new Set([...serialsOf(p4.orderNo), ...serialsOf(p5.orderNo), ...serialsOf(p2.orderNo)]);
    expect([...switchSerials].some((serial) => serial.startsWith('PUB_KEY_ID_')), 'public-key signatures during the switch').to.equal(true);
    expect([...switchSerials].some((serial) => !serial.startsWith('PUB_KEY_ID_')), 'certificate signatures during the switch').to.equal(true);

    // 4. The switch is done: the public key alone, and instances that no longer know certificates.
    sandbox.v3.setMode('public_key');
    const third = await instance('public_key');
    await replace(second, third);
    token = await third.shopper.buyer('keys-alice');
    const p7 = await order(third);
    await third.shopper.pay(p7.orderNo);
    sandbox.sendLate(p4.orderNo, 0);
    await third.shopper.pay(p8.orderNo);
    const cms3 = await third.shopper.superToken();
    const refund4 = await third.http.post(`${API}/order/refund`, { id: p4.id, reason: '全部退款' }, cms3);
    expect(refund4.body.status, refund4.text).to.equal('REFUNDING');
    sandbox.settleRefund(refund4.body.out_refund_no);
    await sandbox.idle();
    clock.advance((LEASE_SECONDS + 1) * 1000);
    const last = await runJobs(third);
    expect(last.settlement.claimed + last.refunds.claimed, JSON.stringify(last)).to.equal(0);

    for (const paid of [p1, p2, p3, p4, p5, p6, p7, p8]) {
      expect(await statusOf(third, paid.id), `order ${paid.orderNo}`).to.equal(OrderStatus.PAID);
      expect(await recorded(third, paid.id), `order ${paid.orderNo}: applied once`).to.deep.equal(['PAID']);
    }
    expect(await refundsOf(third, p1.id)).to.deep.equal(['REFUNDED']);
    expect(await refundsOf(third, p4.id)).to.deep.equal(['REFUNDED']);
    const delivered = sandbox.notifications().filter((note) => note.state !== 'LOST');
    expect(delivered.map((note) => [note.kind, note.state, note.attempts.length]).filter(([, state, attempts]) => state !== 'ACKNOWLEDGED' || attempts !== 1), 'every notification taken at its first attempt').to.deep.equal([]);
    expect(downloads(), 'no download after the rotation').to.equal(2);
    const lastSerials = [...serialsOf(p7.orderNo), ...serialsOf(p8.orderNo)];
    expect(lastSerials.every((serial) => serial.startsWith('PUB_KEY_ID_')), lastSerials.join()).to.equal(true);
    console.log(`      key changes: ${JSON.stringify({ orders: 8, notifications: delivered.length, certificateDownloads: downloads(), refunds: 2, instances: 3 })}`);
  });
}

describeOnRealBackends('WeChat Pay v3 key changes in the middle of a run', (backend) => keyChangeSuite(backend));
