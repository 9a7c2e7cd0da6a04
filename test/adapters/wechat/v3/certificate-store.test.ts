import { expect } from 'chai';
import { Redis } from 'ioredis';
import { KyselyCertificateStore } from '../../../../src/adapters/kysely/kysely-certificate.store.js';
import { RedisCertificateStore } from '../../../../src/adapters/redis/redis-certificate.store.js';
import { type CertificateSnapshot, type CertificateStore, MemoryCertificateStore } from '../../../../src/adapters/wechat/v3/index.js';
import { type TestDatabase, describeWithMysql, openMysqlTestDatabase, openSqliteTestDatabase } from '../../../support/databases.js';
import { describeWithRedis, dropKeys, testPrefix } from '../../redis/redis-test-support.js';
import { PLATFORM_A_CERT, PLATFORM_B_CERT } from './support/keys.js';

const entry = (certificate: typeof PLATFORM_A_CERT) => ({
  serialNo: certificate.serialNumber,
  pem: certificate.toString(),
  notAfter: new Date(certificate.validTo).toISOString(),
});
const first: CertificateSnapshot = { certificates: [entry(PLATFORM_A_CERT)], downloadedAt: '2026-11-24T12:00:00.000Z' };
const rotated: CertificateSnapshot = { certificates: [entry(PLATFORM_A_CERT), entry(PLATFORM_B_CERT)], downloadedAt: '2026-11-25T12:00:00.000Z' };

/** What every shared store promises the certificate manager. */
interface StoreWorld {
  store(key: string): CertificateStore;
  /** Writes a value as another program might have; absent where no other program writes. */
  corrupt?(key: string, text: string): Promise<void>;
}

function storeContract(fresh: () => Promise<StoreWorld>, shared = true): void {
  it('starts empty, then gives back what was saved, per key', async () => {
    const { store } = await fresh();
    expect(await store('m1').load()).to.equal(null);
    await store('m1').save(first);
    expect(await store('m1').load()).to.deep.equal(first);
    expect(await store('m2').load()).to.equal(null);
  });

  it('a newer download replaces the set; an older one saved late never does', async () => {
    const { store } = await fresh();
    await store('m1').save(first);
    await store('m1').save(rotated);
    expect(await store('m1').load()).to.deep.equal(rotated);
    await store('m1').save(first);
    expect(await store('m1').load()).to.deep.equal(rotated);
    // Another instance's store object on the same backend sees the same.
    expect(await store('m1').load()).to.deep.equal(rotated);
  });

  if (!shared) return;
  it('reads a malformed value as empty (one more download), never throws', async () => {
    const { store, corrupt } = await fresh();
    await corrupt?.('m1', '{"certificates":"nope"');
    expect(await store('m1').load()).to.equal(null);
    await store('m1').save(rotated);
    expect(await store('m1').load()).to.deep.equal(rotated);
  });
}

describe('WeChat Pay v3 certificate stores', () => {
  describe('memory', () => {
    storeContract(async () => {
      const stores = new Map<string, MemoryCertificateStore>();
      return {
        store: (key) => {
          if (!stores.has(key)) stores.set(key, new MemoryCertificateStore());
          return stores.get(key)!;
        },
      };
    }, false);
  });

  const kysely = (database: () => TestDatabase) => async () => {
    await database().clean();
    return {
      store: (key: string) => new KyselyCertificateStore(database().db, key),
      corrupt: async (key: string, text: string) => {
        await database().db.insertInto('wechat_pay_certificates').values({ store_key: key, snapshot: text, downloaded_at: 0 }).execute();
      },
    };
  };

  describe('SQLite', () => {
    let database: TestDatabase;
    before(async () => {
      database = await openSqliteTestDatabase();
    });
    after(() => database.close());
    storeContract(kysely(() => database));
  });

  describeWithMysql('MySQL', (url) => {
    let database: TestDatabase;
    before(async () => {
      database = await openMysqlTestDatabase(url, { poolSize: 2 });
    });
    after(() => database?.close());
    storeContract(kysely(() => database));
  });

  describeWithRedis('Redis', (url) => {
    const prefix = testPrefix('certificates');
    let redis: Redis;
    before(() => {
      redis = new Redis(url);
    });
    after(async () => {
      await dropKeys(redis, prefix);
      redis.disconnect();
    });
    storeContract(async () => {
      await dropKeys(redis, prefix);
      return {
        store: (key) => new RedisCertificateStore(redis, key, prefix),
        corrupt: async (key, text) => void (await redis.set(prefix + key, text)),
      };
    });

    it('expires a day after the last certificate does', async () => {
      await new RedisCertificateStore(redis, 'ttl', prefix).save(rotated);
      const ttl = await redis.pttl(`${prefix}ttl`);
      const expected = new Date(PLATFORM_B_CERT.validTo).getTime() - Date.now() + 24 * 3600 * 1000;
      expect(Math.abs(ttl - expected)).to.be.lessThan(60_000);
    });
  });
});
