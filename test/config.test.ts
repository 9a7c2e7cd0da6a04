import { availableParallelism } from 'node:os';
import { expect } from 'chai';
import { pino } from 'pino';
import { PayConfig } from '../src/application/index.js';
import { shopEnvFor } from '../sandbox/index.js';
import { startShop } from '../src/composition/index.js';
import { ConfigError } from '../src/config-error.js';
import { DEMO_IMAGES_DIR, loadConfig } from '../src/config.js';

describe('configuration from the environment', () => {
  it('runs on defaults: port 3000, the embedded SQLite file, memory tokens, 2 h tokens, 30 min to pay', () => {
    expect(loadConfig({})).to.deep.include({
      port: 3000,
      databaseUrl: './data/weshop.sqlite',
      redisUrl: null,
      tokenTtlSeconds: 7200,
      orderPayTimeoutSeconds: 1800,
      logLevel: 'info',
      stockPolicy: 'on_payment',
      trustProxy: false,
      notificationGraceSeconds: 300,
      stockHoldGraceSeconds: 300,
      jobItemLeaseSeconds: 120,
      lifecycleIntervalSeconds: 30,
    });
  });

  it('takes images from the demo folder the repository ships, named under the shop\'s own address, unless told otherwise', () => {
    expect(loadConfig({})).to.deep.include({ imageBaseUrl: null, imagesDir: DEMO_IMAGES_DIR });
    expect(DEMO_IMAGES_DIR).to.match(/[/\\]assets[/\\]images$/);
    expect(loadConfig({ IMAGE_BASE_URL: 'https://cdn.example.com/shop/images/' }).imageBaseUrl).to.equal('https://cdn.example.com/shop/images');
    expect(loadConfig({ IMAGE_BASE_URL: 'http://192.168.1.20:3000/images' }).imageBaseUrl).to.equal('http://192.168.1.20:3000/images');
    expect(loadConfig({ IMAGE_BASE_URL: 'HTTPS://CDN.example.com' }).imageBaseUrl).to.equal('https://cdn.example.com');
    expect(loadConfig({ IMAGES_DIR: 'test' }).imagesDir).to.match(/^\/.*[/\\]test$/);
  });

  it('binds the lifecycle settings into the use cases\' PayConfig, as npm start and npm run jobs build it', async () => {
    const env = { DATABASE_URL: ':memory:', STOCK_POLICY: 'on_order', ORDER_PAY_TIMEOUT: '600', NOTIFICATION_GRACE_SECONDS: '60', STOCK_HOLD_GRACE_SECONDS: '45', JOB_ITEM_LEASE_SECONDS: '30', ...shopEnvFor('http://127.0.0.1:9') };
    const shop = await startShop(env, { serve: false, logger: pino({ level: 'silent' }) });
    try {
      expect(shop.container.get<PayConfig>(PayConfig)).to.deep.equal({
        orderPayTimeoutSeconds: 600,
        stockPolicy: 'on_order',
        notificationGraceSeconds: 60,
        stockHoldGraceSeconds: 45,
        jobItemLeaseSeconds: 30,
      });
    } finally {
      await shop.close();
    }
  });

  it('reads every variable it knows', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'mysql://u:p@db:3306/weshop',
      REDIS_URL: 'redis://cache:6379/0',
      TOKEN_TTL_SECONDS: '3600',
      ORDER_PAY_TIMEOUT: '900',
      LOG_LEVEL: 'warn',
      STOCK_POLICY: 'on_order',
      TRUST_PROXY: 'true',
      CORS_ORIGINS: 'https://cms.example.com, http://localhost:8080',
      NOTIFICATION_GRACE_SECONDS: '120',
      JOB_ITEM_LEASE_SECONDS: '60',
      LIFECYCLE_INTERVAL_SECONDS: '0',
    });
    expect(config).to.deep.include({ notificationGraceSeconds: 120, jobItemLeaseSeconds: 60, lifecycleIntervalSeconds: 0 });
    expect(config.corsOrigins).to.deep.equal(['https://cms.example.com', 'http://localhost:8080']);
    expect(config).to.deep.include({ port: 8080, redisUrl: 'redis://cache:6379/0', tokenTtlSeconds: 3600, orderPayTimeoutSeconds: 900, logLevel: 'warn', stockPolicy: 'on_order', trustProxy: true });
  });

  it('runs one process per core on MySQL with Redis, one on the embedded SQLite file or without Redis, WEB_CONCURRENCY otherwise', () => {
    const mysql = { DATABASE_URL: 'mysql://u:p@db/shop', REDIS_URL: 'redis://cache' };
    expect(loadConfig(mysql).webConcurrency).to.equal(availableParallelism());
    expect(loadConfig({ DATABASE_URL: 'mysql://u:p@db/shop' }).webConcurrency).to.equal(1);
    expect(loadConfig({ REDIS_URL: 'redis://cache' }).webConcurrency).to.equal(1);
    expect(loadConfig({ ...mysql, WEB_CONCURRENCY: '3' }).webConcurrency).to.equal(3);
    expect(loadConfig({ ...mysql, WEB_CONCURRENCY: '1' }).webConcurrency).to.equal(1);
    expect(loadConfig({ REDIS_URL: 'redis://cache', WEB_CONCURRENCY: '2' }).webConcurrency).to.equal(2);
  });

  it('asks Sentinels for the Redis primary when REDIS_SENTINELS and REDIS_SENTINEL_NAME are set', () => {
    expect(loadConfig({}).redisSentinels).to.equal(null);
    expect(loadConfig({ REDIS_SENTINELS: '10.0.0.1:26379, sentinel-2:26380', REDIS_SENTINEL_NAME: 'shop' }).redisSentinels).to.deep.equal({
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: 'sentinel-2', port: 26380 },
      ],
      name: 'shop',
    });
  });

  it('still reads the lease under its earlier name, SETTLEMENT_LEASE_SECONDS, unless JOB_ITEM_LEASE_SECONDS is set', () => {
    expect(loadConfig({ SETTLEMENT_LEASE_SECONDS: '45' })).to.deep.include({ jobItemLeaseSeconds: 45 });
    expect(loadConfig({ SETTLEMENT_LEASE_SECONDS: '45', JOB_ITEM_LEASE_SECONDS: '90' })).to.deep.include({ jobItemLeaseSeconds: 90 });
  });

  const bad: [Record<string, string>, string][] = [
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ TOKEN_TTL_SECONDS: '-5' }, 'TOKEN_TTL_SECONDS'],
    [{ TOKEN_TTL_SECONDS: '1.5' }, 'TOKEN_TTL_SECONDS'],
    [{ ORDER_PAY_TIMEOUT: '60' }, 'ORDER_PAY_TIMEOUT'],
    [{ REDIS_URL: 'http://cache' }, 'REDIS_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ REDIS_SENTINELS: 'sentinel-1:26379' }, 'REDIS_SENTINEL_NAME'],
    [{ REDIS_SENTINEL_NAME: 'shop' }, 'REDIS_SENTINEL_NAME'],
    [{ REDIS_SENTINELS: 'sentinel-1', REDIS_SENTINEL_NAME: 'shop' }, 'REDIS_SENTINELS'],
    [{ REDIS_SENTINELS: 'sentinel-1:26379,:26379', REDIS_SENTINEL_NAME: 'shop' }, 'REDIS_SENTINELS'],
    [{ REDIS_SENTINELS: 'sentinel-1:99999', REDIS_SENTINEL_NAME: 'shop' }, 'REDIS_SENTINELS'],
    [{ REDIS_SENTINELS: 'sentinel-1:26379', REDIS_SENTINEL_NAME: 'shop', REDIS_URL: 'redis://cache' }, 'REDIS_SENTINELS'],
    [{ DATABASE_URL: 'postgres://u:secret@db/x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ STOCK_POLICY: 'never' }, 'STOCK_POLICY'],
    [{ STOCK_POLICY: 'ON_ORDER' }, 'STOCK_POLICY'],
    [{ NOTIFICATION_GRACE_SECONDS: '5' }, 'NOTIFICATION_GRACE_SECONDS'],
    [{ SETTLEMENT_LEASE_SECONDS: '0' }, 'SETTLEMENT_LEASE_SECONDS'],
    [{ JOB_ITEM_LEASE_SECONDS: '0' }, 'JOB_ITEM_LEASE_SECONDS'],
    [{ LIFECYCLE_INTERVAL_SECONDS: '-1' }, 'LIFECYCLE_INTERVAL_SECONDS'],
    [{ LIFECYCLE_INTERVAL_SECONDS: 'often' }, 'LIFECYCLE_INTERVAL_SECONDS'],
    [{ CORS_ORIGINS: 'cms.example.com' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://cms.example.com/path' }, 'CORS_ORIGINS'],
    [{ IMAGE_BASE_URL: '/images' }, 'IMAGE_BASE_URL'],
    [{ IMAGE_BASE_URL: 'cdn.example.com/images' }, 'IMAGE_BASE_URL'],
    [{ IMAGE_BASE_URL: '//cdn.example.com/images' }, 'IMAGE_BASE_URL'],
    [{ IMAGE_BASE_URL: 'ftp://cdn.example.com/images' }, 'IMAGE_BASE_URL'],
    [{ IMAGE_BASE_URL: 'https:cdn.example.com' }, 'IMAGE_BASE_URL'],
    [{ IMAGE_BASE_URL: 'https://cdn.example.com/images?v=2' }, 'IMAGE_BASE_URL'],
    [{ IMAGE_BASE_URL: 'https://cdn.example.com/images#top' }, 'IMAGE_BASE_URL'],
    [{ IMAGE_BASE_URL: 'https://user:pw@cdn.example.com/images' }, 'IMAGE_BASE_URL'],
    [{ IMAGES_DIR: './no/such/folder' }, 'IMAGES_DIR'],
    [{ IMAGES_DIR: './package.json' }, 'IMAGES_DIR'],
    [{ STOCK_HOLD_GRACE_SECONDS: '0' }, 'STOCK_HOLD_GRACE_SECONDS'],
    [{ STOCK_HOLD_GRACE_SECONDS: '5m' }, 'STOCK_HOLD_GRACE_SECONDS'],
    [{ WEB_CONCURRENCY: '0' }, 'WEB_CONCURRENCY'],
    [{ WEB_CONCURRENCY: 'max' }, 'WEB_CONCURRENCY'],
    // Memory tokens live in one process: a second would refuse every token the first issued.
    [{ WEB_CONCURRENCY: '2' }, 'WEB_CONCURRENCY'],
    [{ WEB_CONCURRENCY: '2', DATABASE_URL: 'mysql://u:p@db/shop' }, 'WEB_CONCURRENCY'],
    // SQLite in memory is each process's own: a notification reaching the wrong one would be lost.
    [{ WEB_CONCURRENCY: '2', DATABASE_URL: ':memory:', REDIS_URL: 'redis://cache:6379' }, 'WEB_CONCURRENCY'],
    [{ WEB_CONCURRENCY: '2', DATABASE_URL: 'file:shop?mode=memory&cache=shared', REDIS_URL: 'redis://cache:6379' }, 'WEB_CONCURRENCY'],
    [{ WEB_CONCURRENCY: '3', DATABASE_URL: 'file::memory:', REDIS_URL: 'redis://cache:6379' }, 'WEB_CONCURRENCY'],
  ];
  for (const [env, variable] of bad) {
    it(`stops with a message naming ${variable} for ${JSON.stringify(env)}`, () => {
      let error: unknown;
      try {
        loadConfig(env);
      } catch (caught) {
        error = caught;
      }
      expect(error).to.be.instanceOf(ConfigError).with.property('variable', variable);
      expect((error as Error).message).to.match(new RegExp(`^${variable} `));
      expect((error as Error).message).to.not.contain('secret');
    });
  }
});
