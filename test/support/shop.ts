import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Container } from 'inversify';
import { type Logger, pino } from 'pino';
import type { SandboxV3Mode } from '../../sandbox/index.js';
import { type SandboxedShop, type SandboxedStartOptions, startSandboxedShop } from '../../scripts/sandboxed-shop.js';
import { createHttpApp } from '../../src/adapters/http/http-app.js';
import { defaultAdminSecret } from '../../src/adapters/kysely/index.js';
import type { HttpDeps } from '../../src/adapters/http/http.deps.js';
import type { FakePaymentGateway } from '../../src/adapters/fakes/fake-payment.gateway.js';
import { MemoryDatabase } from '../../src/adapters/memory/memory.database.js';
import { Clock, type PayConfig, PaymentGateway, UserRepository } from '../../src/application/index.js';
import { type RunningShop, bindStorage, httpDeps, memoryContainer, resolveUseCases, startShop } from '../../src/composition/index.js';
import { DEMO_IMAGES_DIR } from '../../src/config.js';
import type { Product } from '../../src/domain/index.js';
import { type World, memoryWorld } from '../contract/worlds.js';
import { fakeNotificationCodec, fakeRefundNotificationCodec } from './fake-notification.codec.js';
import { HttpClient } from './http-client.js';
import { aProduct, anAddress } from './mothers.js';
import { Shopper } from './shopper.js';

/*
 * The one shop harness. Every shop a test starts is composed by the composition root:
 *   composeShop(world)        memoryContainer's wiring (WeChat Pay and the clock faked) over one
 *                             backend's storage: memory, SQLite or MySQL; the use cases, no HTTP.
 *   useCaseShop(world)        the same with products and two users, one with an address.
 *   memoryShop()              a use-case shop on memory, its database at hand.
 *   serveHttp(shop)           a composed shop behind the HTTP app on loopback.
 *   startRealShop(db, redis)  the shop as `npm start` runs it (startSandboxedShop): SQLite or MySQL
 *                             + Redis, the WeChat clients talking to the sandbox over HTTP, in the
 *                             wire a test names (`wire`: API v2 by default, or v3 in a key mode).
 *   startRealShopWithoutSandbox(db, redis)  the same through startShop, talking to the WeChat its
 *                             environment names.
 * Each shop over HTTP comes with its client and a shopper (test/support/shopper.ts).
 */

export interface ComposeOptions {
  readonly payConfig?: Partial<PayConfig>;
  /** Runs before any use case is resolved: where a test replaces a port. */
  readonly override?: (container: Container) => void;
}

/** The real use cases over a world's storage, WeChat Pay and the clock faked, so a test pays, loses notifications and moves time. */
export function composeShop(world: World = memoryWorld(), options: ComposeOptions = {}) {
  const container = memoryContainer(new MemoryDatabase(), options.payConfig);
  // The world's storage, and its clock: the one its repositories stamp rows with.
  bindStorage((id) => container.rebind(id), world);
  container.rebind(Clock).toConstantValue(world.clock);
  options.override?.(container);
  return {
    ...resolveUseCases(container),
    container,
    world,
    clock: world.clock,
    gateway: container.get<FakePaymentGateway>(PaymentGateway),
    orders: world.orders,
    refunds: world.refunds,
    notifications: world.notifications,
    stockOf: (productId: number) => world.stockOf(productId),
  };
}

export type ComposedShop = ReturnType<typeof composeShop>;

export interface UseCaseShopOptions extends ComposeOptions {
  /** Added to the world first; products 1, 2 and 3 unless said. */
  readonly products?: readonly Product[];
}

/** A composed shop with its products, a user with an address (`uid`, openid-alice) and one without (`otherUid`). */
export async function useCaseShop(world: World = memoryWorld(), options: UseCaseShopOptions = {}) {
  for (const product of options.products ?? [aProduct({ id: 1 }), aProduct({ id: 2 }), aProduct({ id: 3 })]) await world.addProduct(product);
  const shop = composeShop(world, options);
  const users = shop.container.get<UserRepository>(UserRepository);
  const user = await users.findOrCreateByOpenid('openid-alice');
  const other = await users.findOrCreateByOpenid('openid-bob');
  await world.addresses.save(user.id, anAddress());
  return { ...shop, uid: user.id, otherUid: other.id };
}

export type UseCaseShop = Awaited<ReturnType<typeof useCaseShop>>;

/** A use-case shop on memory; `db` is its database and `stockOf` reads it at once. */
export async function memoryShop(products?: readonly Product[], payConfig: Partial<PayConfig> = {}) {
  const db = new MemoryDatabase();
  const shop = await useCaseShop(memoryWorld(db), { ...(products ? { products } : {}), payConfig });
  return { ...shop, db, stockOf: (productId: number) => db.state.products.get(productId)?.stock };
}

export type MemoryShop = Awaited<ReturnType<typeof memoryShop>>;

/** Where a served memory shop says its own images (`from = 1`) are. */
export const IMAGE_BASE = 'https://cdn.test/images';

/**
 * A composed shop behind the HTTP app on a free loopback port, WeChat's notifications in the
 * fake codec's flat XML; `deps` replaces any of the app's dependencies.
 */
export async function serveHttp(shop: ComposedShop, deps: Partial<HttpDeps> = {}) {
  const all: HttpDeps = {
    ...httpDeps(shop.container, {
      notifications: fakeNotificationCodec,
      refundNotifications: fakeRefundNotificationCodec,
      readiness: [],
      logger: pino({ level: 'silent' }),
    }),
    ...deps,
  };
  const server: Server = createHttpApp(all, { images: { baseUrl: IMAGE_BASE, dir: DEMO_IMAGES_DIR } }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const http = new HttpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return {
    deps: all,
    http,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The CMS app the demo seed gives every real shop. */
export const ADMIN_APP = { ac: 'weshop-admin', se: defaultAdminSecret };

/**
 * How a real shop and its sandbox speak WeChat Pay: API v2 (the classic merchant), or API v3 in one
 * of WeChat's key modes, the sandbox signing as that mode says and the shop configured for it:
 * `v3-public-key` (a merchant who signs up today), `v3-certificate` (platform certificates,
 * downloaded and shared by the shop), `v3-switch-over` (both at once, during WeChat's move).
 */
export type PayWire = 'v2' | 'v3-public-key' | 'v3-certificate' | 'v3-switch-over';

const V3_MODES: Record<Exclude<PayWire, 'v2'>, SandboxV3Mode> = {
  'v3-public-key': 'public_key',
  'v3-certificate': 'certificate',
  'v3-switch-over': 'both',
};

/** The environment and sandbox options that put a shop and its sandbox on `wire`. */
export function payWire(wire: PayWire): { env: Record<string, string>; sandbox: Pick<NonNullable<SandboxedStartOptions['sandbox']>, 'v3'> } {
  if (wire === 'v2') return { env: { WECHAT_PAY_API_VERSION: 'v2' }, sandbox: {} };
  return { env: { WECHAT_PAY_API_VERSION: 'v3' }, sandbox: { v3: { mode: V3_MODES[wire] } } };
}

export interface RealShopOptions extends Omit<SandboxedStartOptions, 'logger'> {
  /** API v2 unless said. */
  readonly wire?: PayWire;
  /** More environment (STOCK_POLICY, LOG_LEVEL, …) over the test defaults: loopback, free ports, no job timer. */
  readonly env?: Record<string, string>;
  /** Silent unless given. */
  readonly logger?: Logger;
}

/** A running shop with an HTTP client on its URL and a shopper over it (its super token is ADMIN_APP's). */
export interface ShopOverHttp extends RunningShop {
  readonly http: HttpClient;
  readonly shopper: Shopper;
}

/** A real shop beside its sandbox; its shopper pays there. */
export interface RealShop extends ShopOverHttp, SandboxedShop {}

const testEnv = (databaseUrl: string, redisUrl: string, env: Record<string, string> = {}) => ({
  PORT: '0',
  HOST: '127.0.0.1',
  SANDBOX_PORT: '0',
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  LIFECYCLE_INTERVAL_SECONDS: '0',
  ...env,
});

/**
 * The shop as `npm start` runs it (production adapters, its own WeChat Pay sandbox) on free
 * loopback ports, with a sandbox whose retries take milliseconds; the lifecycle jobs run when a
 * test calls them. `options` injects a clock, the pay client's patience, a port replacement.
 */
export async function startRealShop(databaseUrl: string, redisUrl: string, options: RealShopOptions = {}): Promise<RealShop> {
  const { env, logger, sandbox, wire = 'v2', ...start } = options;
  const onWire = payWire(wire);
  const shop = await startSandboxedShop(testEnv(databaseUrl, redisUrl, { ...onWire.env, ...env }), {
    ...start,
    logger: logger ?? pino({ level: 'silent' }),
    sandbox: { seed: 'http-e2e', timeScale: 0.001, ...onWire.sandbox, ...sandbox },
  });
  const http = new HttpClient(shop.url);
  return { ...shop, http, shopper: new Shopper(http, { sandbox: shop.sandbox, app: ADMIN_APP }) };
}

/** The same shop with no sandbox: it talks to the WeChat its `env` names (a stub of WeChat Pay v3, say). */
export async function startRealShopWithoutSandbox(
  databaseUrl: string,
  redisUrl: string,
  options: Omit<RealShopOptions, 'sandbox' | 'wire'> = {},
): Promise<ShopOverHttp> {
  const { env, logger, ...start } = options;
  const shop = await startShop(testEnv(databaseUrl, redisUrl, env), { ...start, logger: logger ?? pino({ level: 'silent' }) });
  const http = new HttpClient(shop.url);
  return { ...shop, http, shopper: new Shopper(http, { app: ADMIN_APP }) };
}
