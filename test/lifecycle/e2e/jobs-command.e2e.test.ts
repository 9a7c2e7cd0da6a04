import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { describeWithMysql } from '../../support/databases.js';
import { API, anAddressBody } from '../../http/support/memory-http-shop.js';
import { ADMIN_APP, type RealShop, mysqlBackend, startRealShop } from '../../http/support/real-shop.js';
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

function jobsCommandSuite(name: string, backend: () => Promise<{ url: string; redisUrl: string; drop(): Promise<void> }>): void {
  describe(`npm run jobs (scripts/jobs.ts) on ${name}`, function () {
    this.timeout(60_000);
    let real: RealShop;
    let databaseUrl: string;
    let redisUrl: string;
    let drop: () => Promise<void>;

    before(async () => {
      const database = await backend();
      ({ url: databaseUrl, redisUrl, drop } = database);
      real = await startRealShop(databaseUrl, redisUrl, {}, { payClient: { timeoutMs: 300, maxRetries: 0 }, sandbox: { refundSettleSeconds: null } });
    });
    after(async () => {
      await real?.close();
      await drop?.();
    });

    const commandEnv = (sandboxUrl = real.shop.sandbox!.url) => ({
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      PORT: new URL(real.shop.url).port,
      SANDBOX_PORT: new URL(sandboxUrl).port,
    });

    /** A paid order with an admin refund whose submission timed out: REFUNDING, unknown to WeChat. */
    async function refundLeftForTheJob(name: string): Promise<{ orderNo: string; outRefundNo: string }> {
      const token = (await real.http.post(`${API}/token/user`, { code: `code-${name}` })).body.token as string;
      await real.http.post(`${API}/address`, anAddressBody, token);
      const placed = (await real.http.post(`${API}/order`, { products: [{ product_id: 21, count: 1 }] }, token)).body;
      await real.http.post(`${API}/pay/pre_order`, { id: placed.order_id }, token);
      const sandbox = real.shop.sandbox!;
      sandbox.pay(placed.order_no);
      await sandbox.idle();
      const cms = (await real.http.post(`${API}/token/app`, ADMIN_APP)).body.token as string;
      sandbox.stall('/secapi/pay/refund');
      const refund = await real.http.post(`${API}/order/refund`, { id: placed.order_id, refund_fee: '9.90', reason: '退一部分' }, cms);
      expect(refund.body.status, refund.text).to.equal('REFUNDING');
      return { orderNo: placed.order_no, outRefundNo: refund.body.out_refund_no };
    }

    it('resends a timed-out refund once even when two runs start together, logs the report and exits 0', async () => {
      const { orderNo, outRefundNo } = await refundLeftForTheJob('cron-1');
      const sandbox = real.shop.sandbox!;
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
      expect(real.shop.sandbox!.refunds().filter((refund) => refund.outTradeNo === orderNo)).to.deep.equal([]);
    });

    it('exits 1 with a message naming a bad variable', async () => {
      const bad = await runJobsCommand({ ...commandEnv(), STOCK_POLICY: 'sometimes' });
      expect(bad.code).to.equal(1);
      expect(bad.output).to.contain('configuration error: STOCK_POLICY must be one of on_payment, on_order');
    });
  });
}

jobsCommandSuite('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'weshop-jobs-'));
  return { url: join(dir, 'shop.sqlite'), redisUrl: '', drop: async () => rmSync(dir, { recursive: true, force: true }) };
});

describeWithMysql('npm run jobs on MySQL', (mysqlUrl) => {
  const redisUrl = process.env.REDIS_URL ?? '';
  jobsCommandSuite('MySQL + Redis', async () => ({ ...(await mysqlBackend(mysqlUrl, redisUrl).database()), redisUrl }));
});
