import type { Redis } from 'ioredis';
import { MemoryTokenStore } from '../../../src/adapters/in-process/memory-token.store.js';
import { FixedClock } from '../../../src/adapters/fakes/fixed.clock.js';
import { RedisTokenStore } from '../../../src/adapters/redis/redis-token.store.js';
import { tokenStoreContract } from '../../contract/token-store.contract.js';
import { describeWithRedis, dropKeys, testPrefix, testRedis } from './redis-test-support.js';

describe('MemoryTokenStore', () => {
  tokenStoreContract(async () => {
    const clock = new FixedClock();
    return { tokens: new MemoryTokenStore(clock), pass: async (seconds) => clock.advance(seconds * 1000) };
  });
});

describeWithRedis('RedisTokenStore', (url) => {
  let redis: Redis;
  const prefix = testPrefix('tokens');
  before(() => {
    redis = testRedis(url);
  });
  after(async () => {
    await dropKeys(redis, prefix);
    redis.disconnect();
  });

  tokenStoreContract(async () => ({
    tokens: new RedisTokenStore(redis, prefix),
    pass: (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)),
  }));
});
