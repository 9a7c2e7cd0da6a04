import { type ChildProcess, spawn } from 'node:child_process';
import { expect } from 'chai';

/** `npm start` (or another entry point) as a process: what an operator sees. */
function start(env: Record<string, string>, entry = 'scripts/start.ts'): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, REDIS_URL: '', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

describe('npm start (scripts/start.ts) and the production entry point (src/main.ts)', function () {
  this.timeout(30_000);

  it('refuses a bad variable with a message that names it, exit code 1', async () => {
    const run = start({ PORT: 'abc' });
    expect(await run.exited).to.equal(1);
    expect(run.output()).to.contain('configuration error: PORT must be an integer');
  });

  it('with a WeChat base set starts no sandbox: the credentials it lacks stop it, named', async () => {
    const run = start({ WECHAT_PAY_API_BASE: 'http://127.0.0.1:1', PORT: '0', DATABASE_URL: ':memory:' });
    expect(await run.exited).to.equal(1);
    expect(run.output()).to.contain('configuration error: WECHAT_APP_ID, WECHAT_APP_SECRET, WECHAT_MCH_ID, WECHAT_PAY_KEY are not set');
  });

  it('src/main.ts knows no sandbox: with nothing configured it asks for WeChat\'s settings', async () => {
    const run = start({ PORT: '0', DATABASE_URL: ':memory:' }, 'src/main.ts');
    expect(await run.exited).to.equal(1);
    expect(run.output()).to.contain('configuration error: WECHAT_APP_ID, WECHAT_APP_SECRET, WECHAT_MCH_ID, WECHAT_PAY_KEY, WECHAT_NOTIFY_URL are not set');
  });

  it('prints its URL and a guide, serves, and shuts down cleanly on SIGTERM', async () => {
    const run = start({ PORT: '0', SANDBOX_PORT: '0', DATABASE_URL: ':memory:' });
    const deadline = Date.now() + 20_000;
    let url: string | undefined;
    while (!url && Date.now() < deadline) {
      url = /listening on (http:\/\/[\d.:]+)/.exec(run.output())?.[1];
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(url, run.output()).to.be.a('string');
    expect(run.output()).to.contain('Try it:');
    expect(run.output()).to.match(/WeChat Pay sandbox on http:\/\/127\.0\.0\.1:\d+\n/);
    expect((await fetch(`${url}/healthz`)).status).to.equal(200);
    expect((await fetch(`${url}/api/v1/product/1`)).status).to.equal(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).to.equal(0);
    expect(run.output()).to.contain('SIGTERM received');
  });

  it('npm run demo walks the mission to PAID on a shop of its own', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], { env: { ...process.env, WESHOP_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, text).to.equal(0);
    expect(text).to.contain('(PAID)');
    expect(text).to.contain('done: login → address → order → pre_order → paid → notified → PAID');
  });
});
