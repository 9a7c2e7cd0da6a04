import { sql } from 'kysely';
import type { ReadinessCheck } from '../adapters/http/http.deps.js';
import type { ProductionResources } from './production.resources.js';

/** What `/readyz` pings: the database, and Redis when the shop uses it. */
export function readinessChecks({ database, redis }: ProductionResources): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [{ name: 'database', ping: async () => void (await sql`select 1`.execute(database.db)) }];
  if (redis) checks.push({ name: 'redis', ping: async () => void (await redis.ping()) });
  return checks;
}
