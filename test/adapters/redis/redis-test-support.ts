import { Redis } from 'ioredis';
import { connectRedis } from '../../../src/adapters/redis/redis.connection.js';

let skipReported = false;

/**
 * `describe` for suites that need Redis: they run with REDIS_URL, are skipped with a printed
 * reason on a developer machine without it, and fail in CI (CI=true), where a skip would hide
 * that the Redis half was never tested.
 */
export function describeWithRedis(title: string, suite: (url: string) => void): void {
  const url = process.env.REDIS_URL;
  if (url) {
    describe(title, () => suite(url));
    return;
  }
  if (process.env.CI === 'true' || process.env.CI === '1') {
    describe(title, () => {
      it('needs REDIS_URL in CI', () => {
        throw new Error('REDIS_URL is not set, so the Redis suites cannot run; CI must start Redis (scripts/services.sh start)');
      });
    });
    return;
  }
  if (!skipReported) {
    skipReported = true;
    console.log('  Redis suites skipped: REDIS_URL is not set. Run `scripts/services.sh start && source .services/env` to include them.');
  }
  describe.skip(`${title} (skipped: REDIS_URL is not set)`, () => suite(''));
}

/** A key prefix of this test process, so parallel runs on one Redis never meet; removed by `dropKeys`. */
export function testPrefix(name: string): string {
  return `weshop-test:${process.pid}:${name}:`;
}

export async function dropKeys(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
}

export function testRedis(url: string): Redis {
  return connectRedis(url);
}
