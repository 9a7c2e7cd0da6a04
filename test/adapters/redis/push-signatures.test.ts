import { expect } from 'chai';
import type { Redis } from 'ioredis';
import { type PushSignatureMemory, SeenSignatures } from '../../../src/adapters/http/routes/wechat-push.js';
import { RedisPushSignatures } from '../../../src/adapters/redis/redis-push-signatures.js';
import { describeWithRedis, dropKeys, testPrefix, testRedis } from './redis-test-support.js';

function pushSignatureContract(newMemory: () => PushSignatureMemory | Promise<PushSignatureMemory>) {
  it('takes a signature once, however many processes share the memory and however they race', async () => {
    const memory = await newMemory();
    const now = new Date();
    const answers = await Promise.all(Array.from({ length: 10 }, () => memory.add('t:n:sig', now)));
    expect(answers.filter(Boolean)).to.have.length(1);
    expect(await memory.add('t:n:other', now)).to.equal(true);
  });

  it('takes a signature again once forgotten (its handling failed)', async () => {
    const memory = await newMemory();
    const now = new Date();
    expect(await memory.add('t:n:failed', now)).to.equal(true);
    await memory.forget('t:n:failed');
    expect(await memory.add('t:n:failed', now)).to.equal(true);
    expect(await memory.add('t:n:failed', now)).to.equal(false);
  });
}

describe('SeenSignatures (one process)', () => {
  pushSignatureContract(() => new SeenSignatures());

  it('forgets a signature once its timestamp could no longer pass', () => {
    const memory = new SeenSignatures();
    expect(memory.add('s', new Date(0))).to.equal(true);
    expect(memory.add('s', new Date(11 * 60_000))).to.equal(true);
  });
});

describeWithRedis('RedisPushSignatures (every worker and instance)', (url) => {
  let redis: Redis;
  let run = 0;
  const prefix = testPrefix('push-seen');
  before(() => {
    redis = testRedis(url);
  });
  after(async () => {
    await dropKeys(redis, prefix);
    redis.disconnect();
  });

  pushSignatureContract(() => new RedisPushSignatures(redis, `${prefix}${++run}:`));

  it('keeps a signature ten minutes', async () => {
    const memory = new RedisPushSignatures(redis, `${prefix}ttl:`);
    await memory.add('s');
    expect(await redis.pttl(`${prefix}ttl:s`)).to.be.within(9 * 60_000, 10 * 60_000);
  });
});
