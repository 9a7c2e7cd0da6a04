import { Container, ContainerModule } from 'inversify';
import {
  Clock,
  HandlePaymentNotification,
  OrderNumberGenerator,
  PayConfig,
  PaymentGateway,
  PlaceOrder,
  PreparePayment,
  RefundGateway,
  RequestRefund,
  SettleDueOrders,
  SettleUnpaidOrder,
  SyncRefunds,
} from '../../src/application/index.js';
import { FakePaymentGateway } from '../../src/adapters/fakes/fake-payment.gateway.js';
import { FixedClock } from '../../src/adapters/fakes/fixed.clock.js';
import { SequentialOrderNumberGenerator } from '../../src/adapters/fakes/sequential-order-number.generator.js';
import { bindStorage, testPayConfig, useCaseModule } from '../../src/composition/index.js';
import type { Product } from '../../src/domain/index.js';
import type { World } from '../contract/worlds.js';
import { anAddress } from './mothers.js';

/**
 * The real use cases over one backend's adapters (memory, SQLite or MySQL), with WeChat Pay and
 * the clock in memory so a test can pay, lose notifications and move time.
 */
export async function worldShop(world: World, products: Product[], payConfig: Partial<PayConfig> = {}) {
  for (const product of products) await world.addProduct(product);
  const gateway = new FakePaymentGateway();
  const clock = new FixedClock();
  const container = new Container();
  container.load(
    useCaseModule,
    new ContainerModule(({ bind }) => {
      bind(Clock).toConstantValue(clock);
      bind(OrderNumberGenerator).toConstantValue(new SequentialOrderNumberGenerator());
      bind(PayConfig).toConstantValue({ ...testPayConfig, ...payConfig });
      bindStorage(bind, world);
      bind(PaymentGateway).toConstantValue(gateway);
      bind(RefundGateway).toConstantValue(gateway);
    }),
  );
  const user = await world.users.findOrCreateByOpenid('openid-alice');
  await world.addresses.save(user.id, anAddress());
  return {
    world,
    container,
    gateway,
    clock,
    uid: user.id,
    orders: world.orders,
    refunds: world.refunds,
    placeOrder: container.get(PlaceOrder),
    preparePayment: container.get(PreparePayment),
    handleNotification: container.get(HandlePaymentNotification),
    settle: container.get(SettleUnpaidOrder),
    settleDue: container.get(SettleDueOrders),
    requestRefund: container.get(RequestRefund),
    syncRefunds: container.get(SyncRefunds),
    stockOf: (productId: number) => world.stockOf(productId),
  };
}

export type WorldShop = Awaited<ReturnType<typeof worldShop>>;
