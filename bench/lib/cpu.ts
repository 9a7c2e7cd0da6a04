import { readFileSync, readdirSync } from 'node:fs';

/** Fields of /proc/<pid>/stat after the command name (which is in parentheses and may hold spaces); null if gone. */
function statFields(pid: number | string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; 0 if unreadable. */
export function processCpuSeconds(pid: number): number {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) / 100 : 0; // USER_HZ is 100 on Linux
}

/** `pid` and every process below it (a cluster's primary and its workers), from /proc. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const parent = Number(statFields(name)?.[1] ?? 0);
    children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
  }
  const tree = [pid];
  for (let index = 0; index < tree.length; index++) tree.push(...(children.get(tree[index]!) ?? []));
  return tree;
}

/** CPU seconds so far of each process of the server's tree. */
function treeCpu(pid: number): Map<number, number> {
  return new Map(processTree(pid).map((each) => [each, processCpuSeconds(each)]));
}

/** CPU the tree used between two reads: a process that started between them counts whole; one that ended is lost. */
function treeCpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let seconds = 0;
  for (const [pid, used] of after) seconds += used - (before.get(pid) ?? 0);
  return seconds;
}

export interface CpuSplit {
  readonly server: number;
  readonly bench: number;
  readonly database: number;
  readonly wallSeconds: number;
}

/**
 * CPU seconds the server (its process and every process below it: with WEB_CONCURRENCY the
 * primary and its workers), this process and MariaDB spend while `work` runs.
 */
export async function cpuDuring<T>(pids: { server: number | null; database: number | null }, work: () => Promise<T>): Promise<{ result: T; cpu: CpuSplit }> {
  const read = () => ({
    server: pids.server ? treeCpu(pids.server) : new Map<number, number>(),
    bench: processCpuSeconds(process.pid),
    database: pids.database ? processCpuSeconds(pids.database) : 0,
    at: performance.now(),
  });
  const before = read();
  const result = await work();
  const after = read();
  return {
    result,
    cpu: {
      server: treeCpuSince(before.server, after.server),
      bench: after.bench - before.bench,
      database: after.database - before.database,
      wallSeconds: (after.at - before.at) / 1000,
    },
  };
}

export function addCpu(a: CpuSplit, b: CpuSplit): CpuSplit {
  return { server: a.server + b.server, bench: a.bench + b.bench, database: a.database + b.database, wallSeconds: a.wallSeconds + b.wallSeconds };
}

export const NO_CPU: CpuSplit = { server: 0, bench: 0, database: 0, wallSeconds: 0 };

/** Milliseconds of the server's CPU (all its processes) per completed order or flow. */
export function serverCpuMs(cpu: CpuSplit, completed: number): number {
  return Math.round(((cpu.server * 1000) / Math.max(1, completed)) * 1000) / 1000;
}

/** "server 0.61 + bench 0.35 + MariaDB 0.72 ms of CPU per order (1.67 of 2 cores busy)". */
export function describeCpu(cpu: CpuSplit, completed: number, cores: number): string {
  const per = (seconds: number) => ((seconds * 1000) / Math.max(1, completed)).toFixed(2);
  const busy = (cpu.server + cpu.bench + cpu.database) / Math.max(0.001, cpu.wallSeconds);
  return `server ${per(cpu.server)} + bench ${per(cpu.bench)} + MariaDB ${per(cpu.database)} ms CPU/order; ${busy.toFixed(2)} of ${cores} cores busy`;
}
