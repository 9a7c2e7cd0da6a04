import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { expect } from 'chai';
import { createSandbox, shopEnvFor } from '../../sandbox/index.js';
import { mysqlBackend } from '../support/backends.js';
import { describeWithMysql } from '../support/databases.js';
import { anAddress } from '../support/mothers.js';

/** The shop's processes whose parent is `pid`, from /proc (tsx may have an esbuild child of its own). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('main.ts');
      } catch {
        return false;
      }
    })
    .map(Number);
}

interface Answer {
  readonly status: number;
  readonly body: { token?: string; isValid?: boolean };
}

/** One request on a connection of its own, so the primary hands each to the next worker in turn. */
function send(url: string, method: string, path: string, requestId: string, body?: unknown, token?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { 'x-request-id': requestId, connection: 'close' };
    if (text) headers['content-type'] = 'application/json';
    if (token) headers.token = token;
    const req = request(`${url}${path}`, { method, headers, agent: false }, (response) => {
      let data = '';
      response.on('data', (chunk: Buffer) => (data += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: data ? (JSON.parse(data) as Answer['body']) : {} }));
    });
    req.on('error', reject);
    req.end(text);
  });
}

const until = async (check: () => boolean, ms: number, what: () => string) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(what());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** The production entry point with WEB_CONCURRENCY=2: one port, two workers, one token store. */
describeWithMysql('the production entry point with WEB_CONCURRENCY=2 (src/main.ts)', function (mysqlUrl) {
  this.timeout(60_000);
  const redisUrl = process.env.REDIS_URL ?? '';
  const sandbox = createSandbox({ seed: 'cluster' });
  let child: ChildProcess;
  let output = '';
  let exited: Promise<number | null>;
  let url = '';
  let drop: () => Promise<void> = async () => undefined;

  /** Which process logged the request with this id. */
  const servedBy = async (requestId: string): Promise<number> => {
    const line = () => output.split('\n').find((each) => each.includes(`"reqId":"${requestId}"`) && each.includes('"msg":"request"'));
    await until(() => line() !== undefined, 5_000, () => `no log line for request ${requestId}:\n${output}`);
    return (JSON.parse(line()!) as { pid: number }).pid;
  };

  before(async () => {
    if (!redisUrl) throw new Error('REDIS_URL is not set: several workers need the shared token store');
    const database = await mysqlBackend(mysqlUrl, redisUrl).database();
    drop = database.drop;
    const wechat = await sandbox.listen(0);
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        ...shopEnvFor(wechat.url, sandbox.merchant),
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        WEB_CONCURRENCY: '2',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    await until(() => /listening on (http:\/\/[\d.:]+)/.test(output) || child.exitCode !== null, 40_000, () => `the shop did not start:\n${output}`);
    url = /listening on (http:\/\/[\d.:]+)/.exec(output)?.[1] ?? '';
    expect(url, output).to.not.equal('');
  });

  after(async () => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    await sandbox.close();
    await drop();
  });

  it('says how many workers share the port, and both answer', async () => {
    expect(output).to.contain('2 worker processes share the port (WEB_CONCURRENCY=2)');
    const workers = childrenOf(child.pid!);
    expect(workers).to.have.length(2);
    const pids = new Set<number>();
    for (let index = 0; index < 6; index++) {
      const id = `cluster-health-${index}`;
      expect((await send(url, 'GET', '/readyz', id)).status).to.equal(200);
      pids.add(await servedBy(id));
    }
    expect([...pids].sort()).to.deep.equal([...workers].sort());
  });

  it('accepts a token issued by one worker on the other', async () => {
    const login = await send(url, 'POST', '/api/v1/token/user', 'cluster-login', { code: 'code-cluster' });
    expect(login.status).to.equal(200);
    const issuer = await servedBy('cluster-login');
    const token = login.body.token!;
    const others: number[] = [];
    for (let index = 0; index < 4; index++) {
      const id = `cluster-use-${index}`;
      expect((await send(url, 'POST', '/api/v1/address', id, anAddress(), token)).status).to.equal(201);
      others.push(await servedBy(id));
    }
    expect(others.filter((pid) => pid !== issuer), 'no request reached the other worker').to.not.be.empty;
  });

  it('replaces a worker that dies, on the same port', async () => {
    const [victim, survivor] = childrenOf(child.pid!);
    process.kill(victim!, 'SIGKILL');
    await until(() => childrenOf(child.pid!).filter((pid) => pid !== victim).length === 2, 20_000, () => `no replacement:\n${output}`);
    expect(childrenOf(child.pid!)).to.include(survivor);
    await until(() => output.includes(`worker ${victim} exited (SIGKILL); starting another`), 2_000, () => output);
    await until(() => output.includes(`answers in place of ${victim}`), 30_000, () => output);
    const pids = new Set<number>();
    for (let index = 0; pids.size < 2 && index < 40; index++) {
      const answer = await send(url, 'GET', '/readyz', `cluster-after-${index}`);
      if (answer.status === 200) pids.add(await servedBy(`cluster-after-${index}`));
    }
    expect(pids.size).to.equal(2);
  });

  it('replaces a worker that exits 0 without being told to by the primary; the jobs worker\'s replacement takes the jobs', async () => {
    const runsJobs = (pid: number) => !readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes('LIFECYCLE_INTERVAL_SECONDS=0');
    const before = childrenOf(child.pid!);
    const jobs = before.find(runsJobs);
    expect(jobs, 'one worker runs the jobs').to.not.equal(undefined);
    process.kill(jobs!, 'SIGTERM');
    await until(() => output.includes(`worker ${jobs} exited (0); starting another`), 20_000, () => `not replaced:\n${output}`);
    await until(() => output.includes(`answers in place of ${jobs}`), 30_000, () => output);
    const after = childrenOf(child.pid!);
    expect(after).to.have.length(2);
    expect(after.filter(runsJobs), 'the replacement runs the jobs').to.have.length(1).and.not.include(jobs);
  });

  it('stops every worker on SIGTERM and exits 0', async () => {
    const workers = childrenOf(child.pid!);
    expect(workers).to.have.length(2);
    child.kill('SIGTERM');
    expect(await exited, output).to.equal(0);
    expect(output).to.contain('SIGTERM received, shutting down 2 workers');
    expect(workers.filter((pid) => existsSync(`/proc/${pid}`))).to.deep.equal([]);
  });
});
