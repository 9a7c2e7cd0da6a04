import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { processTree } from './cpu.js';

export interface ServerOptions {
  /** The entry point to run with node (a built file) or with tsx (a source file). */
  readonly entry: string;
  readonly viaTsx: boolean;
  readonly env: Record<string, string>;
  readonly port: number;
  /** Where the server's own output goes. */
  readonly logFile: string;
  /** Writes a V8 CPU profile into this directory when the server exits. */
  readonly cpuProfileDir?: string;
}

export interface RunningServer {
  /** The process started: with WEB_CONCURRENCY above 1 the cluster's primary, its workers below it. */
  readonly pid: number;
  readonly url: string;
  /** The largest resident set of the server's processes in MB, from /proc/<pid>/status: now, or the peak so far. */
  rssMb(field?: 'VmRSS' | 'VmHWM'): number;
  /** Each of the server's processes (the primary first) with its resident set now and its peak, in MB. */
  memory(): ProcessMemory[];
  stop(): Promise<void>;
}

export interface ProcessMemory {
  readonly pid: number;
  readonly rssMb: number;
  readonly peakMb: number;
}

/** A free loopback port, asked of the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts the shop as a child process, the way an operator would, and waits for /healthz. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const nodeArgs = [
    ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
    ...(options.viaTsx ? ['--import', 'tsx'] : []),
    options.entry,
  ];
  // The server writes its logs straight to the file: no pipe through this process.
  const log = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, nodeArgs, {
    env: { ...pathEnv(), ...options.env, PORT: String(options.port) },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const url = `http://127.0.0.1:${options.port}`;
  await waitForHealth(child, url, options.logFile);
  const pid = child.pid!;
  const memory = () => processTree(pid).map((each) => ({ pid: each, rssMb: rssMb(each), peakMb: rssMb(each, 'VmHWM') }));
  return {
    pid,
    url,
    rssMb: (field = 'VmRSS') => Math.max(...memory().map((each) => (field === 'VmRSS' ? each.rssMb : each.peakMb))),
    memory,
    stop: () => stopChild(child),
  };
}

function pathEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR'];
  return Object.fromEntries(keep.flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])));
}

async function waitForHealth(child: ChildProcess, url: string, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`the server exited (${exited}) before answering; see ${logFile}`);
    try {
      // The server binds its port before its app is attached: a probe in that window gets no
      // answer at all, so each probe has its own deadline.
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not answer /healthz within 60 s; see ${logFile}`);
}

/** `VmRSS` (now) or `VmHWM` (the peak so far) of a process, in MB. */
export function rssMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return 0; // gone
  }
  const match = new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

/** SIGTERM (so a CPU profile gets written), then SIGKILL if it lingers. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
