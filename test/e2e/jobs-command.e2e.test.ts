import { spawn } from 'node:child_process';
import { expect } from 'chai';
import { describeOnRealBackends } from '../support/backends.js';
import { type RealShop, startRealShop } from '../support/shop.js';
import { API } from '../support/shopper.js';
import { report } from './lifecycle-shop.js';

interface JobsProcess {
  readonly code: number | null;
  readonly output: string;
}

/** `npm run jobs` as an operator's cron runs it: its own process, its own container, the same database. */
function runJobsCommand(env: Record<string, string>): Promise<JobsProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/jobs.ts'], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

/** The report line a run logs: what each job claimed and how it ended. */
function runReport(output: string): { settlement: { claimed: number }; refunds: { claimed: number; skipped: number; outcomes: Record<string, number>; errors: number } } {
  const line = output.split('\n').find((text) => text.includes('lifecycle jobs run once'));
  expect(line, output).to.be.a('string');
  return JSON.parse(line!);
}

describeOnRealBackends('npm run jobs (scripts/jobs.ts)', function (backend) {
  this.timeout(60_000);
  const { redisUrl } = backend;
  let real: RealShop;
  let databaseUrl: string;
  let drop: () => Promise<void>;

  before(async () => {
    // A file on SQLite: the command opens it from a process of its own.
    ({ url: databaseUrl, drop } = await backend.database({ file: true }));
    real = await startRealShop(databaseUrl, redisUrl, { payClient: { timeoutMs: 300, maxRetries: 0 }, sandbox: { refundSettleSeconds: null } });
  });
  after(async () => {
    await real?.close();
    await drop?.();
  });

  const commandEnv = (sandboxUrl = real.sandbox.url) => ({
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    PORT: new URL(real.url).port,
    SANDBOX_PORT: new URL(sandboxUrl).port,
    // The API of the shop it runs beside (npm start and npm run jobs both default to v3).
    WECHAT_PAY_API_VERSION: real.wechat.apiVersion,
  });

  /** A paid order with an admin refund whose submission timed out: REFUNDING, unknown to WeChat. */
  async function refundLeftForTheJob(name: string): Promise<{ orderNo: string; outRefundNo: string }> {
    const token = await real.shopper.buyer(name);
    const placed = await real.shopper.placeAndPrepay(token, [{ product_id: 21, count: 1 }]);
    await real.shopper.pay(placed.orderNo);
    const cms = await real.shopper.superToken();
    real.sandbox.stall('/secapi/pay/refund');
    const refund = await real.http.post(`${API}/order/refund`, { id: placed.id, refund_fee: '9.90', reason: '退一部分' }, cms);
    expect(refund.body.status, refund.text).to.equal('REFUNDING');
    return { orderNo: placed.orderNo, outRefundNo: refund.body.out_refund_no };
  }

  it('resends a timed-out refund once even when two runs start together, logs the report and exits 0', async () => {
    const { orderNo, outRefundNo } = await refundLeftForTheJob('cron-1');
    const { sandbox } = real;
    const calls = sandbox.calls()['/secapi/pay/refund'] ?? 0;
    const [one, two] = await Promise.all([runJobsCommand(commandEnv()), runJobsCommand(commandEnv())]);
    expect([one.code, two.code], one.output + two.output).to.deep.equal([0, 0]);
    const reports = [runReport(one.output), runReport(two.output)];
    const sent = reports.reduce((sum, run) => sum + (run.refunds.outcomes.REFUNDING ?? 0), 0);
    expect(sent, 'one of the two runs holds the lease').to.equal(1);
    expect(sandbox.refunds().filter((refund) => refund.outTradeNo === orderNo).map((refund) => refund.outRefundNo)).to.deep.equal([outRefundNo]);
    expect((sandbox.calls()['/secapi/pay/refund'] ?? 0) - calls).to.equal(1);

    sandbox.settleRefund(outRefundNo);
    await sandbox.idle();
    const delivery = sandbox.notifications().find((note) => note.kind === 'REFUND' && note.outTradeNo === orderNo);
    expect(delivery?.state, 'the refund notification reaches the shop on PORT').to.equal('ACKNOWLEDGED');
    report('npm run jobs ×2', { refundsSent: sent, skipped: reports.reduce((sum, run) => sum + run.refunds.skipped, 0), exitCodes: [one.code, two.code] });
  });

  it('exits 1 and names the failure when WeChat cannot be reached; the refund stays owed', async () => {
    const { orderNo } = await refundLeftForTheJob('cron-2');
    const failed = await runJobsCommand(commandEnv('http://127.0.0.1:1'));
    expect(failed.code, failed.output).to.equal(1);
    expect(failed.output).to.contain('lifecycle job item failed');
    expect(runReport(failed.output).refunds.errors).to.equal(1);
    expect(real.sandbox.refunds().filter((refund) => refund.outTradeNo === orderNo)).to.deep.equal([]);
  });

  it('exits 1 with a message naming a bad variable', async () => {
    const bad = await runJobsCommand({ ...commandEnv(), STOCK_POLICY: 'sometimes' });
    expect(bad.code).to.equal(1);
    expect(bad.output).to.contain('configuration error: STOCK_POLICY must be one of on_payment, on_order');
  });
});
