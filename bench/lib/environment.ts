import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { availableParallelism } from 'node:os';
import { mysqlConnection } from './bench-db.js';

/** MYSQL_URL and REDIS_URL from the environment, else from the services script CI uses. */
export function serviceUrls(root: string): { mysqlUrl: string; redisUrl: string } {
  if (process.env.MYSQL_URL && process.env.REDIS_URL) return { mysqlUrl: process.env.MYSQL_URL, redisUrl: process.env.REDIS_URL };
  const script = `${root}/scripts/services.sh`;
  if (!existsSync(script)) throw new Error('set MYSQL_URL and REDIS_URL, or provide scripts/services.sh');
  // `install` returns at once when both servers are already installed.
  execFileSync(script, ['install'], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(script, ['start'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const env = readFileSync(`${root}/.services/env`, 'utf8');
  const read = (name: string) => {
    const match = new RegExp(`^export ${name}=(.+)$`, 'm').exec(env);
    if (!match) throw new Error(`.services/env has no ${name}`);
    return match[1]!.trim();
  };
  return { mysqlUrl: read('MYSQL_URL'), redisUrl: read('REDIS_URL') };
}

export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGb: number;
  readonly node: string;
  readonly mariadb: string;
  readonly redis: string;
}

export async function describeMachine(mysqlUrl: string): Promise<Machine> {
  const connection = await mysqlConnection(mysqlUrl, false);
  let mariadb = 'unknown';
  try {
    const [rows] = await connection.query('select version() as version');
    mariadb = String((rows as { version: string }[])[0]?.version ?? 'unknown');
  } finally {
    await connection.end();
  }
  let redis = 'unknown';
  try {
    redis = execFileSync('redis-server', ['--version'], { encoding: 'utf8' }).trim().replace(/^Redis server /, '');
  } catch {
    // Not on PATH: the URL still works.
  }
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    mariadb,
    redis,
  };
}

/**
 * MariaDB's global statement counter (`Questions`) on a connection of its own. The counter is
 * server-wide, so statements from anything else on the server count too: the floor, whose
 * statements are known, measures that noise in the same run.
 */
export class StatementCounter {
  private reads = 0;

  private constructor(private readonly connection: Awaited<ReturnType<typeof mysqlConnection>>) {}

  static async open(mysqlUrl: string): Promise<StatementCounter> {
    return new StatementCounter(await mysqlConnection(mysqlUrl, false));
  }

  /** The counter, less the reads this counter made itself. */
  async read(): Promise<number> {
    const [rows] = await this.connection.query("show global status like 'Questions'");
    this.reads++;
    return Number((rows as { Value: string }[])[0]?.Value ?? 0) - this.reads;
  }

  async close(): Promise<void> {
    await this.connection.end();
  }
}

/** MariaDB's process id when it runs on this machine (its pid file is readable), else null. */
export async function mariadbPid(mysqlUrl: string): Promise<number | null> {
  const connection = await mysqlConnection(mysqlUrl, false);
  try {
    const [rows] = await connection.query('select @@pid_file as file');
    const file = String((rows as { file: string }[])[0]?.file ?? '');
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && existsSync(`/proc/${pid}`) ? pid : null;
  } catch {
    return null;
  } finally {
    await connection.end();
  }
}
