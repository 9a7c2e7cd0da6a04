import type { Redis } from 'ioredis';
import { KyselyAccessTokenStore } from '../../../src/adapters/kysely/index.js';
import { FixedClock } from '../../../src/adapters/fakes/fixed.clock.js';
import { MemoryAccessTokenStore } from '../../../src/adapters/in-process/memory-access-token.store.js';
import { RedisAccessTokenStore } from '../../../src/adapters/redis/redis-access-token.store.js';
import { accessTokenStoreContract } from '../../contract/access-token-store.contract.js';
import { type TestDatabase, describeWithMysql, openMysqlTestDatabase, openSqliteTestDatabase } from '../../support/databases.js';
import { describeWithRedis, dropKeys, testPrefix, testRedis } from './redis-test-support.js';

/** A clock the test moves: the database and memory stores take `now` from their caller. */
function movedClock() {
  const clock = new FixedClock();
  return { now: () => clock.now(), pass: async (seconds: number) => (clock.advance(seconds * 1000), clock.now()) };
}

describe('MemoryAccessTokenStore', () => {
  accessTokenStoreContract(async () => {
    const store = new MemoryAccessTokenStore();
    return { stores: [store, store], ...movedClock() };
  });
});

describe('KyselyAccessTokenStore on SQLite', () => {
  let database: TestDatabase;
  before(async () => {
    database = await openSqliteTestDatabase();
  });
  after(() => database.close());
  accessTokenStoreContract(async () => {
    await database.clean();
    return { stores: [new KyselyAccessTokenStore(database.db, 'wx-app'), new KyselyAccessTokenStore(database.db, 'wx-app')], ...movedClock() };
  });
});

describeWithMysql('KyselyAccessTokenStore on MySQL', (url) => {
  let database: TestDatabase;
  before(async () => {
    database = await openMysqlTestDatabase(url);
  });
  after(() => database?.close());
  accessTokenStoreContract(async () => {
    await database.clean();
    return { stores: [new KyselyAccessTokenStore(database.db, 'wx-app'), new KyselyAccessTokenStore(database.db, 'wx-app')], ...movedClock() };
  });
});

describeWithRedis('RedisAccessTokenStore', (url) => {
  let redis: Redis;
  const prefix = testPrefix('access-token');
  before(() => {
    redis = testRedis(url);
  });
  beforeEach(() => dropKeys(redis, prefix));
  after(async () => {
    await dropKeys(redis, prefix);
    redis.disconnect();
  });
  // Redis keeps time itself: the lock runs out in real time.
  accessTokenStoreContract(async () => ({
    stores: [new RedisAccessTokenStore(redis, 'wx-app', prefix), new RedisAccessTokenStore(redis, 'wx-app', prefix)],
    now: () => new Date(),
    pass: (seconds) => new Promise((resolve) => setTimeout(() => resolve(new Date()), seconds * 1000)),
  }));
});
