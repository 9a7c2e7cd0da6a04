import cluster, { type Worker } from 'node:cluster';
import { createServer } from 'node:net';
import { type AppConfig, loadConfig } from '../config.js';
import { type Serving, reportFailure, serveUntilSignalled } from './command-line.js';
import { prepareDatabase } from './production.resources.js';

type Env = Readonly<Record<string, string | undefined>>;

/** What an entry point serves: the shop in one process, and what a primary of several sets up first. */
export interface ShopEntry {
  /** Starts the shop in this process: the only one, or one worker of several. */
  start(env: Env): Promise<Serving>;
  /**
   * In the primary of several workers, before any starts, knowing the shop's URL (e.g. the
   * sandbox `npm start` runs): the environment the workers get, and what to close after them.
   */
  beforeWorkers?(env: Env, url: string): Promise<{ readonly env: Env; close(): Promise<void> }>;
}

const READY = 'weshop:ready';
/** A worker that dies is replaced, but not more often than this in a minute: a crash loop stops the shop. */
const RESTARTS_PER_MINUTE = 5;
/** How long the primary waits for its workers to finish their requests and close. */
const SHUTDOWN_GRACE_MS = 15_000;

/**
 * Serves the shop until SIGTERM or SIGINT: in this process when WEB_CONCURRENCY is 1, else as the
 * primary of that many worker processes on one port (`node:cluster`; the primary only accepts
 * connections and hands them round to the workers). See `Primary`.
 */
export async function serveShop(env: Env, entry: ShopEntry): Promise<void> {
  if (cluster.isWorker) {
    return serveUntilSignalled(() => entry.start(env), { worker: { ready: (guide) => process.send?.({ type: READY, guide }) } });
  }
  let config: AppConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    reportFailure('weshop', 'failed to start', error);
    process.exit(1);
  }
  if (config.webConcurrency === 1) return serveUntilSignalled(() => entry.start(env));
  return new Primary(env, config, entry).run();
}

interface Member {
  readonly worker: Worker;
  /** The one worker that runs the lifecycle jobs on their timer; its replacement takes them over. */
  readonly jobs: boolean;
  ready: boolean;
}

/**
 * The primary of several workers. It migrates (and seeds an empty SQLite file) once before any
 * worker opens the database, fixes the port (asking the kernel for one when PORT=0) so every
 * worker names the same notify URL, starts the workers and prints the guide once all of them
 * answer. A worker that dies is replaced (at most RESTARTS_PER_MINUTE a minute, then the shop
 * stops with exit 1); SIGTERM or SIGINT stops every worker gracefully. The lifecycle jobs run in
 * one worker: they are leased and safe in all, but one is enough and polls the database once.
 */
class Primary {
  private readonly members = new Map<number, Member>();
  private readonly restarts: number[] = [];
  /** Workers this primary told to stop: only their exits are not replaced. */
  private readonly told = new Set<number>();
  private workerEnv: Record<string, string> = {};
  private stopping = false;
  private started = false;
  private closeSetup: () => Promise<void> = async () => {};

  constructor(
    private readonly env: Env,
    private readonly config: AppConfig,
    private readonly entry: ShopEntry,
  ) {}

  async run(): Promise<void> {
    process.on('SIGTERM', () => void this.stop('SIGTERM received', 0));
    process.on('SIGINT', () => void this.stop('SIGINT received', 0));
    cluster.on('exit', (worker, code, signal) => this.exited(worker, code, signal));
    let guide: string;
    try {
      await prepareDatabase(this.config);
      const port = this.config.port || (await freePort(this.config.host));
      const url = `http://127.0.0.1:${port}`;
      const setup = (await this.entry.beforeWorkers?.(this.env, url)) ?? { env: this.env, close: async () => {} };
      this.closeSetup = () => setup.close();
      this.workerEnv = { ...definedOnly(setup.env), PORT: String(port) };
      guide = await this.startAll();
    } catch (error) {
      reportFailure('weshop', 'failed to start', error);
      await this.stop(null, 1);
      return;
    }
    this.started = true;
    const count = this.config.webConcurrency;
    console.log(`weshop: ${count} worker processes share the port (WEB_CONCURRENCY=${count}); the lifecycle jobs run in one of them`);
    console.log(guide);
  }

  /** Every worker started and answering; the jobs worker's guide. */
  private startAll(): Promise<string> {
    return new Promise((resolve, reject) => {
      let waiting = this.config.webConcurrency;
      let guide = '';
      for (let index = 0; index < this.config.webConcurrency; index++) {
        const member = this.fork(index === 0);
        member.worker.on('message', (message: { type?: string; guide?: string }) => {
          if (message?.type !== READY) return;
          if (member.jobs) guide = message.guide ?? '';
          if (--waiting === 0) resolve(guide);
        });
        member.worker.once('exit', (code, signal) => {
          if (!member.ready) reject(new Error(`a worker exited (${signal ?? code}) before it could answer`));
        });
      }
    });
  }

  private fork(jobs: boolean): Member {
    const worker = cluster.fork(jobs ? this.workerEnv : { ...this.workerEnv, LIFECYCLE_INTERVAL_SECONDS: '0' });
    const member: Member = { worker, jobs, ready: false };
    this.members.set(worker.id, member);
    worker.on('message', (message: { type?: string }) => {
      if (message?.type === READY) member.ready = true;
    });
    return member;
  }

  private exited(worker: Worker, code: number | null, signal: string | null): void {
    const member = this.members.get(worker.id);
    this.members.delete(worker.id);
    // Any other exit, 0 included (a worker stopped by someone else, or ending by itself), leaves a
    // worker missing; a worker that fails while the shop starts fails the start (startAll).
    if (this.stopping || this.told.has(worker.id) || !member || !this.started) return;
    const now = Date.now();
    this.restarts.push(now);
    while (this.restarts.length > 0 && this.restarts[0]! < now - 60_000) this.restarts.shift();
    if (this.restarts.length > RESTARTS_PER_MINUTE) {
      console.error(`weshop: worker ${worker.process.pid} exited (${signal ?? code}); ${this.restarts.length} workers died within a minute, shutting down`);
      void this.stop(null, 1);
      return;
    }
    console.error(`weshop: worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    const replacement = this.fork(member.jobs);
    replacement.worker.on('message', (message: { type?: string }) => {
      if (message?.type === READY) console.error(`weshop: worker ${replacement.worker.process.pid} answers in place of ${worker.process.pid}`);
    });
  }

  /** SIGTERM to every worker (each finishes its requests in flight), SIGKILL to any left after the grace; then exits. */
  private async stop(reason: string | null, exitCode: number): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const live = [...this.members.values()].map((member) => member.worker).filter((worker) => !worker.isDead());
    if (reason) console.log(`weshop: ${reason}, shutting down ${live.length} workers`);
    let failed = false;
    await Promise.all(
      live.map(
        (worker) =>
          new Promise<void>((resolve) => {
            this.told.add(worker.id);
            const force = setTimeout(() => worker.process.kill('SIGKILL'), SHUTDOWN_GRACE_MS);
            worker.once('exit', (code) => {
              clearTimeout(force);
              failed ||= code !== 0;
              resolve();
            });
            worker.process.kill('SIGTERM');
          }),
      ),
    );
    await this.closeSetup().catch(() => undefined);
    process.exit(failed ? Math.max(exitCode, 1) : exitCode);
  }
}

function definedOnly(env: Env): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** A free port on `host`, asked of the kernel, for PORT=0: every worker must listen on the same one. */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
