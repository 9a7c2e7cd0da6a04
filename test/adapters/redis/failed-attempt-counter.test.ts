import { expect } from 'chai';
import type { Redis } from 'ioredis';
import type { FailedAttemptCounter } from '../../../src/application/index.js';
import { FixedClock } from '../../../src/adapters/fakes/fixed.clock.js';
import { MemoryFailedAttemptCounter } from '../../../src/adapters/in-process/memory-failed-attempt.counter.js';
import { RedisFailedAttemptCounter } from '../../../src/adapters/redis/redis-failed-attempt.counter.js';
import { describeWithRedis, dropKeys, testPrefix, testRedis } from './redis-test-support.js';

function failedAttemptCounterContract(newWorld: () => Promise<{ counter: FailedAttemptCounter; pass(seconds: number): Promise<void> }>) {
  describe('FailedAttemptCounter contract', () => {
    it('counts failures per key, including concurrent ones, until reset', async () => {
      const { counter } = await newWorld();
      await Promise.all(Array.from({ length: 20 }, () => counter.increment('a', 60)));
      await counter.increment('b', 60);
      expect(await counter.count('a')).to.equal(20);
      expect(await counter.count('b')).to.equal(1);
      await counter.reset('a');
      expect(await counter.count('a')).to.equal(0);
      expect(await counter.count('never')).to.equal(0);
    });

    it('forgets the failures when the window that began with the first one ends', async () => {
      const { counter, pass } = await newWorld();
      await counter.increment('w', 1);
      await pass(0.5);
      expect(await counter.increment('w', 1)).to.equal(2);
      await pass(0.7);
      expect(await counter.count('w')).to.equal(0);
    });

    it('tells how many seconds the window that began with the first failure has left', async () => {
      const { counter, pass } = await newWorld();
      expect(await counter.secondsLeft('t')).to.equal(0);
      await counter.increment('t', 3);
      expect(await counter.secondsLeft('t')).to.equal(3);
      await pass(1.2);
      await counter.increment('t', 3);
      expect(await counter.secondsLeft('t'), 'a later failure does not extend it').to.be.within(1, 2);
      await counter.reset('t');
      expect(await counter.secondsLeft('t')).to.equal(0);
    });
  });
}

describe('MemoryFailedAttemptCounter', () => {
  failedAttemptCounterContract(async () => {
    const clock = new FixedClock();
    return { counter: new MemoryFailedAttemptCounter(clock), pass: async (seconds) => clock.advance(seconds * 1000) };
  });
});

describeWithRedis('RedisFailedAttemptCounter', (url) => {
  let redis: Redis;
  let run = 0;
  const prefix = testPrefix('failures');
  before(() => {
    redis = testRedis(url);
  });
  after(async () => {
    await dropKeys(redis, prefix);
    redis.disconnect();
  });

  failedAttemptCounterContract(async () => ({
    counter: new RedisFailedAttemptCounter(redis, `${prefix}${++run}:`),
    pass: (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)),
  }));
});
