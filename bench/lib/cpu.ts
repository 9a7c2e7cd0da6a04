import { readFileSync } from 'node:fs';

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; 0 if unreadable. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

export interface CpuSplit {
  readonly server: number;
  readonly bench: number;
  readonly database: number;
  readonly wallSeconds: number;
}

/** CPU seconds the server, this process and MariaDB spend while `work` runs. */
export async function cpuDuring<T>(pids: { server: number | null; database: number | null }, work: () => Promise<T>): Promise<{ result: T; cpu: CpuSplit }> {
  const read = () => ({
    server: pids.server ? processCpuSeconds(pids.server) : 0,
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
      server: after.server - before.server,
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

/** "server 0.61 + bench 0.35 + MariaDB 0.72 ms of CPU per order (1.67 of 2 cores busy)". */
export function describeCpu(cpu: CpuSplit, completed: number, cores: number): string {
  const per = (seconds: number) => ((seconds * 1000) / Math.max(1, completed)).toFixed(2);
  const busy = (cpu.server + cpu.bench + cpu.database) / Math.max(0.001, cpu.wallSeconds);
  return `server ${per(cpu.server)} + bench ${per(cpu.bench)} + MariaDB ${per(cpu.database)} ms CPU/order; ${busy.toFixed(2)} of ${cores} cores busy`;
}
