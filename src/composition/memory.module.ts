import { Container, ContainerModule } from 'inversify';
import {
  Clock,
  FailedAttemptCounter,
  OrderNumberGenerator,
  PayConfig,
  PaymentGateway,
  RefundGateway,
  SecretVerifier,
  TokenConfig,
  TokenStore,
  WeChatLogin,
} from '../application/index.js';
import { FakePaymentGateway } from '../adapters/memory/fake-payment.gateway.js';
import { FakeWeChatLogin } from '../adapters/memory/fake-wechat.login.js';
import { FixedClock } from '../adapters/memory/fixed.clock.js';
import { MemoryAddressBook } from '../adapters/memory/memory-address.book.js';
import { MemoryCatalogReader } from '../adapters/memory/memory-catalog.reader.js';
import { MemoryFailedAttemptCounter } from '../adapters/memory/memory-failed-attempt.counter.js';
import { MemoryOrderRepository } from '../adapters/memory/memory-order.repository.js';
import { MemoryOrderSettlementQueue } from '../adapters/memory/memory-order-settlement.queue.js';
import { MemoryPaymentNotificationLog } from '../adapters/memory/memory-payment-notification.log.js';
import { MemoryRefundRepository } from '../adapters/memory/memory-refund.repository.js';
import { MemoryStockGateway } from '../adapters/memory/memory-stock.gateway.js';
import { MemoryThirdAppRepository } from '../adapters/memory/memory-third-app.repository.js';
import { MemoryTokenStore } from '../adapters/memory/memory-token.store.js';
import { MemoryUnitOfWork } from '../adapters/memory/memory-unit-of-work.js';
import { MemoryUserRepository } from '../adapters/memory/memory-user.repository.js';
import { MemoryDatabase } from '../adapters/memory/memory.database.js';
import { SequentialOrderNumberGenerator } from '../adapters/memory/sequential-order-number.generator.js';
import { ScryptSecretVerifier } from '../adapters/system/scrypt-secret.verifier.js';
import { type StorageAdapters, bindStorage } from './storage.js';
import { useCaseModule } from './use-case.module.js';

/** The storage ports over one in-memory database. */
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
  jobItemLeaseSeconds: 2 * 60,
};

/** Every port in memory, WeChat and the clock faked: what use-case tests run on. */
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
