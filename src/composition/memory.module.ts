import { Container, ContainerModule } from 'inversify';
import {
  AccessTokenStore,
  CarrierDirectory,
  Clock,
  DeliveryConfig,
  FailedAttemptCounter,
  OrderNumberGenerator,
  PayConfig,
  PaymentGateway,
  RefundGateway,
  SecretVerifier,
  ShippingGateway,
  SubscribeMessenger,
  TokenConfig,
  TokenStore,
  WeChatLogin,
} from '../application/index.js';
import { FakePaymentGateway } from '../adapters/fakes/fake-payment.gateway.js';
import { FakeWeChatLogin } from '../adapters/fakes/fake-wechat.login.js';
import { FixedClock } from '../adapters/fakes/fixed.clock.js';
import { SequentialOrderNumberGenerator } from '../adapters/fakes/sequential-order-number.generator.js';
import { MemoryFailedAttemptCounter } from '../adapters/in-process/memory-failed-attempt.counter.js';
import { MemoryTokenStore } from '../adapters/in-process/memory-token.store.js';
import { MemoryDatabase, createMemoryAdapters } from '../adapters/memory/index.js';
import { FakeMiniProgram } from '../adapters/fakes/fake-mini-program.js';
import { MemoryAccessTokenStore } from '../adapters/in-process/memory-access-token.store.js';
import { ScryptSecretVerifier } from '../adapters/system/scrypt-secret.verifier.js';
import { bindStorage } from './storage.js';
import { useCaseModule } from './use-case.module.js';

/** The order and payment settings a test shop runs with unless it says otherwise: the production defaults. */
export const testPayConfig: PayConfig = {
  orderPayTimeoutSeconds: 30 * 60,
  stockPolicy: 'on_payment',
  notificationGraceSeconds: 5 * 60,
  stockHoldGraceSeconds: 5 * 60,
  jobItemLeaseSeconds: 2 * 60,
};

/** Delivery as a shop runs it unless it says otherwise: `{id}` alone ships with no logistics type, no message. */
export const testDeliveryConfig: DeliveryConfig = { defaultLogisticsType: null, message: null, uploadRetrySeconds: 60 };

/** Every port in memory, WeChat and the clock faked: what use-case tests run on. */
export function memoryModule(
  db = new MemoryDatabase(),
  payConfig: Partial<PayConfig> = {},
  deliveryConfig: Partial<DeliveryConfig> = {},
): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(MemoryDatabase).toConstantValue(db);
    const clock = new FixedClock();
    bind(Clock).toConstantValue(clock);
    bind(OrderNumberGenerator).toConstantValue(new SequentialOrderNumberGenerator());
    bind(PayConfig).toConstantValue({ ...testPayConfig, ...payConfig });
    bindStorage(bind, createMemoryAdapters(db, clock));
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
    bind(DeliveryConfig).toConstantValue({ ...testDeliveryConfig, ...deliveryConfig });
    const miniProgram = new FakeMiniProgram();
    bind(FakeMiniProgram).toConstantValue(miniProgram);
    bind(ShippingGateway).toConstantValue(miniProgram);
    bind(CarrierDirectory).toConstantValue(miniProgram);
    bind(SubscribeMessenger).toConstantValue(miniProgram);
    bind(AccessTokenStore).toConstantValue(new MemoryAccessTokenStore());
  });
}

export function memoryContainer(db = new MemoryDatabase(), payConfig: Partial<PayConfig> = {}, deliveryConfig: Partial<DeliveryConfig> = {}): Container {
  const container = new Container();
  container.load(useCaseModule, memoryModule(db, payConfig, deliveryConfig));
  return container;
}
