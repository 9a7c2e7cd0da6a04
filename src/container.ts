import 'reflect-metadata';
import { Container, ContainerModule, type ContainerModuleLoadOptions } from 'inversify';
import {
  AddressBook,
  CatalogReader,
  Clock,
  DeliverOrder,
  FailedAttemptCounter,
  GetAddress,
  GetOrderDetail,
  IssueAppToken,
  ListAllOrders,
  ListMyOrders,
  LoginWithWeChat,
  SaveAddress,
  SecretVerifier,
  TokenConfig,
  VerifyToken,
  WeChatLogin,
  HandlePaymentNotification,
  HandleRefundNotification,
  OrderSettlementQueue,
  RefundGateway,
  RefundProgress,
  RefundRepository,
  RequestRefund,
  SyncRefunds,
  SettleDueOrders,
  SettleUnpaidOrder,
  OrderNumberGenerator,
  OrderRepository,
  PayConfig,
  PaymentGateway,
  PaymentNotificationLog,
  PlaceOrder,
  PreparePayment,
  StockGateway,
  ThirdAppRepository,
  TokenStore,
  UnitOfWork,
  UserRepository,
} from './application/index.js';
import type { HttpDeps } from './adapters/http/http.deps.js';
import { FakePaymentGateway } from './adapters/memory/fake-payment.gateway.js';
import { FixedClock } from './adapters/memory/fixed.clock.js';
import { FakeWeChatLogin } from './adapters/memory/fake-wechat.login.js';
import { MemoryFailedAttemptCounter } from './adapters/memory/memory-failed-attempt.counter.js';
import { ScryptSecretVerifier } from './adapters/system/scrypt-secret.verifier.js';
import { MemoryCatalogReader } from './adapters/memory/memory-catalog.reader.js';
import { MemoryThirdAppRepository } from './adapters/memory/memory-third-app.repository.js';
import { MemoryAddressBook } from './adapters/memory/memory-address.book.js';
import { MemoryDatabase } from './adapters/memory/memory.database.js';
import { MemoryOrderRepository } from './adapters/memory/memory-order.repository.js';
import { MemoryOrderSettlementQueue } from './adapters/memory/memory-order-settlement.queue.js';
import { MemoryRefundRepository } from './adapters/memory/memory-refund.repository.js';
import { MemoryPaymentNotificationLog } from './adapters/memory/memory-payment-notification.log.js';
import { MemoryStockGateway } from './adapters/memory/memory-stock.gateway.js';
import { MemoryTokenStore } from './adapters/memory/memory-token.store.js';
import { MemoryUnitOfWork } from './adapters/memory/memory-unit-of-work.js';
import { MemoryUserRepository } from './adapters/memory/memory-user.repository.js';
import { SequentialOrderNumberGenerator } from './adapters/memory/sequential-order-number.generator.js';
import type { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { ReadinessCheck } from './adapters/http/http.deps.js';
import {
  type Database,
  createKyselyAdapters,
  ensureEmbeddedSeeded,
  migrateToLatest,
  openDatabase,
} from './adapters/kysely/index.js';
import { RedisFailedAttemptCounter } from './adapters/redis/redis-failed-attempt.counter.js';
import { RedisTokenStore } from './adapters/redis/redis-token.store.js';
import { connectRedis } from './adapters/redis/redis.connection.js';
import { SystemClock } from './adapters/system/system.clock.js';
import { TimeOrderNumberGenerator } from './adapters/system/time-order-number.generator.js';
import {
  type WeChatConfig,
  WeChatLoginClient,
  WeChatPayClient,
  type WeChatPayClientOptions,
  answerXml,
  decodeRefundNotification,
  paymentNotificationCodec,
} from './adapters/wechat/index.js';
import type { AppConfig } from './config.js';

/** The use cases, the same for every set of adapters. */
export const useCaseModule = new ContainerModule(({ bind }) => {
  bind(PlaceOrder).toSelf().inSingletonScope();
  bind(PreparePayment).toSelf().inSingletonScope();
  bind(HandlePaymentNotification).toSelf().inSingletonScope();
  bind(LoginWithWeChat).toSelf().inSingletonScope();
  bind(IssueAppToken).toSelf().inSingletonScope();
  bind(VerifyToken).toSelf().inSingletonScope();
  bind(SaveAddress).toSelf().inSingletonScope();
  bind(GetAddress).toSelf().inSingletonScope();
  bind(ListMyOrders).toSelf().inSingletonScope();
  bind(ListAllOrders).toSelf().inSingletonScope();
  bind(GetOrderDetail).toSelf().inSingletonScope();
  bind(DeliverOrder).toSelf().inSingletonScope();
  bind(SettleUnpaidOrder).toSelf().inSingletonScope();
  bind(SettleDueOrders).toSelf().inSingletonScope();
  bind(RefundProgress).toSelf().inSingletonScope();
  bind(RequestRefund).toSelf().inSingletonScope();
  bind(SyncRefunds).toSelf().inSingletonScope();
  bind(HandleRefundNotification).toSelf().inSingletonScope();
});

/** The storage ports, as every backend (memory, SQLite, MySQL) provides them. */
export interface StorageAdapters {
  readonly orders: OrderRepository;
  readonly stock: StockGateway;
  readonly notifications: PaymentNotificationLog;
  readonly unitOfWork: UnitOfWork;
  readonly addresses: AddressBook;
  readonly users: UserRepository;
  readonly catalog: CatalogReader;
  readonly thirdApps: ThirdAppRepository;
  readonly settlementQueue: OrderSettlementQueue;
  readonly refunds: RefundRepository;
}

export function bindStorage(bind: ContainerModuleLoadOptions['bind'], adapters: StorageAdapters): void {
  bind(OrderRepository).toConstantValue(adapters.orders);
  bind(StockGateway).toConstantValue(adapters.stock);
  bind(PaymentNotificationLog).toConstantValue(adapters.notifications);
  bind(UnitOfWork).toConstantValue(adapters.unitOfWork);
  bind(AddressBook).toConstantValue(adapters.addresses);
  bind(UserRepository).toConstantValue(adapters.users);
  bind(CatalogReader).toConstantValue(adapters.catalog);
  bind(ThirdAppRepository).toConstantValue(adapters.thirdApps);
  bind(OrderSettlementQueue).toConstantValue(adapters.settlementQueue);
  bind(RefundRepository).toConstantValue(adapters.refunds);
}

export function memoryStorage(db: MemoryDatabase): StorageAdapters {
  return {
    orders: new MemoryOrderRepository(db),
    stock: new MemoryStockGateway(db),
    notifications: new MemoryPaymentNotificationLog(db),
    unitOfWork: new MemoryUnitOfWork(db),
    addresses: new MemoryAddressBook(db),
    users: new MemoryUserRepository(db),
    catalog: new MemoryCatalogReader(db),
    thirdApps: new MemoryThirdAppRepository(db),
    settlementQueue: new MemoryOrderSettlementQueue(db),
    refunds: new MemoryRefundRepository(db),
  };
}

/** The order and payment settings a test shop runs with unless it says otherwise: the production defaults. */
export const testPayConfig: PayConfig = {
  orderPayTimeoutSeconds: 30 * 60,
  stockPolicy: 'on_payment',
  notificationGraceSeconds: 5 * 60,
  settlementLeaseSeconds: 2 * 60,
};

/** Every port on in-memory adapters: what use-case tests run on. */
export function memoryModule(db = new MemoryDatabase(), payConfig: Partial<PayConfig> = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(MemoryDatabase).toConstantValue(db);
    bind(Clock).toConstantValue(new FixedClock());
    bind(OrderNumberGenerator).toConstantValue(new SequentialOrderNumberGenerator());
    bind(PayConfig).toConstantValue({ ...testPayConfig, ...payConfig });
    bindStorage(bind, memoryStorage(db));
    const gateway = new FakePaymentGateway();
    bind(PaymentGateway).toConstantValue(gateway);
    bind(RefundGateway).toConstantValue(gateway);
    bind(TokenStore).toDynamicValue((context) => new MemoryTokenStore(context.get<Clock>(Clock))).inSingletonScope();
    bind(FailedAttemptCounter)
      .toDynamicValue((context) => new MemoryFailedAttemptCounter(context.get<Clock>(Clock)))
      .inSingletonScope();
    bind(TokenConfig).toConstantValue({ ttlSeconds: 7200 });
    bind(SecretVerifier).toConstantValue(new ScryptSecretVerifier());
    bind(WeChatLogin).toConstantValue(new FakeWeChatLogin());
  });
}

export function memoryContainer(db = new MemoryDatabase(), payConfig: Partial<PayConfig> = {}): Container {
  const container = new Container();
  container.load(useCaseModule, memoryModule(db, payConfig));
  return container;
}

/** What the HTTP app needs, resolved from a container whose modules are loaded. */
export function httpDeps(
  container: Container,
  rest: Pick<HttpDeps, 'notifications' | 'refundNotifications' | 'readiness' | 'logger'>,
): HttpDeps {
  return {
    useCases: {
      loginWithWeChat: container.get(LoginWithWeChat),
      issueAppToken: container.get(IssueAppToken),
      verifyToken: container.get(VerifyToken),
      saveAddress: container.get(SaveAddress),
      getAddress: container.get(GetAddress),
      placeOrder: container.get(PlaceOrder),
      listMyOrders: container.get(ListMyOrders),
      getOrderDetail: container.get(GetOrderDetail),
      listAllOrders: container.get(ListAllOrders),
      deliverOrder: container.get(DeliverOrder),
      preparePayment: container.get(PreparePayment),
      handlePaymentNotification: container.get(HandlePaymentNotification),
      requestRefund: container.get(RequestRefund),
      handleRefundNotification: container.get(HandleRefundNotification),
    },
    catalog: container.get<CatalogReader>(CatalogReader),
    tokens: container.get<TokenStore>(TokenStore),
    ...rest,
  };
}

/** What production runs on: opened once at start-up, closed once at shutdown. */
export interface ProductionResources {
  readonly database: Database;
  /** Null without REDIS_URL: tokens and failure counters stay in this process. */
  readonly redis: Redis | null;
  /** Whether an empty embedded database was just filled with the demo shop. */
  readonly seeded: boolean;
  close(): Promise<void>;
}

/**
 * Opens the database (migrating it; seeding the embedded SQLite file when it is empty, never a
 * MySQL one) and Redis when configured.
 */
export async function openProductionResources(config: AppConfig, logger: Logger): Promise<ProductionResources> {
  const database = await openDatabase(config.databaseUrl);
  let seeded = false;
  try {
    if (database.dialect === 'sqlite') seeded = await ensureEmbeddedSeeded(database.db);
    else await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  const redis = config.redisUrl
    ? connectRedis(config.redisUrl, { onError: (error) => logger.warn({ reason: error.message }, 'redis connection error') })
    : null;
  return {
    database,
    redis,
    seeded,
    async close() {
      redis?.disconnect();
      await database.close();
    },
  };
}

/**
 * What a test may replace in the production wiring: the clock (to move past pay windows and
 * grace periods without waiting) and the WeChat Pay client's patience (timeouts, retries).
 */
export interface ProductionOverrides {
  readonly clock?: Clock;
  readonly payClient?: Pick<WeChatPayClientOptions, 'timeoutMs' | 'maxRetries' | 'backoffMs'>;
}

/** Every port on production adapters: Kysely (SQLite or MySQL), Redis or memory tokens, WeChat (or its sandbox). */
export function productionModule(
  config: AppConfig,
  wechat: WeChatConfig,
  resources: ProductionResources,
  overrides: ProductionOverrides = {},
): ContainerModule {
  const clock = overrides.clock ?? new SystemClock();
  const { redis } = resources;
  return new ContainerModule(({ bind }) => {
    bind(Clock).toConstantValue(clock);
    bind(OrderNumberGenerator).toConstantValue(new TimeOrderNumberGenerator());
    bind(PayConfig).toConstantValue({
      orderPayTimeoutSeconds: config.orderPayTimeoutSeconds,
      stockPolicy: config.stockPolicy,
      notificationGraceSeconds: config.notificationGraceSeconds,
      settlementLeaseSeconds: config.settlementLeaseSeconds,
    });
    bindStorage(bind, createKyselyAdapters(resources.database.db));
    const pay = new WeChatPayClient(wechat, {
      timeoutMs: config.wechatPayTimeoutMs,
      maxRetries: config.wechatPayRetries,
      ...overrides.payClient,
      now: () => clock.now(),
    });
    bind(PaymentGateway).toConstantValue(pay);
    bind(RefundGateway).toConstantValue(pay);
    bind(WeChatLogin).toConstantValue(new WeChatLoginClient(wechat));
    bind(TokenStore).toConstantValue(redis ? new RedisTokenStore(redis) : new MemoryTokenStore(clock));
    bind(FailedAttemptCounter).toConstantValue(redis ? new RedisFailedAttemptCounter(redis) : new MemoryFailedAttemptCounter(clock));
    bind(TokenConfig).toConstantValue({ ttlSeconds: config.tokenTtlSeconds });
    bind(SecretVerifier).toConstantValue(new ScryptSecretVerifier());
  });
}

export function productionContainer(
  config: AppConfig,
  wechat: WeChatConfig,
  resources: ProductionResources,
  overrides: ProductionOverrides = {},
): Container {
  const container = new Container();
  container.load(useCaseModule, productionModule(config, wechat, resources, overrides));
  return container;
}

/** The HTTP app's dependencies on production adapters. */
export function productionHttpDeps(container: Container, wechat: WeChatConfig, resources: ProductionResources, logger: Logger): HttpDeps {
  const readiness: ReadinessCheck[] = [
    { name: 'database', ping: async () => void (await sql`select 1`.execute(resources.database.db)) },
  ];
  const { redis } = resources;
  if (redis) readiness.push({ name: 'redis', ping: async () => void (await redis.ping()) });
  return httpDeps(container, {
    notifications: paymentNotificationCodec(wechat),
    refundNotifications: { decode: (rawXml) => decodeRefundNotification(rawXml, wechat), answer: answerXml },
    readiness,
    logger,
  });
}
