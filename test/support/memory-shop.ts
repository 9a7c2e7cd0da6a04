import type { Container } from 'inversify';
import {
  AddressBook,
  Clock,
  HandlePaymentNotification,
  OrderRepository,
  PayConfig,
  PaymentGateway,
  PaymentNotificationLog,
  PlaceOrder,
  PreparePayment,
  StockGateway,
  UserRepository,
} from '../../src/application/index.js';
import { FakePaymentGateway } from '../../src/adapters/fakes/fake-payment.gateway.js';
import { FixedClock } from '../../src/adapters/fakes/fixed.clock.js';
import { MemoryDatabase } from '../../src/adapters/memory/memory.database.js';
import { memoryContainer } from '../../src/composition/index.js';
import type { Product } from '../../src/domain/index.js';
import { aProduct, anAddress } from './mothers.js';

/** A shop on in-memory adapters with a user who has an address, for use-case tests. */
export async function memoryShop(
  products: Product[] = [aProduct({ id: 1 }), aProduct({ id: 2 }), aProduct({ id: 3 })],
  payConfig: Partial<PayConfig> = {},
) {
  const db = new MemoryDatabase();
  for (const product of products) db.addProduct(product);
  const container: Container = memoryContainer(db, payConfig);
  const user = await container.get<UserRepository>(UserRepository).findOrCreateByOpenid('openid-alice');
  const other = await container.get<UserRepository>(UserRepository).findOrCreateByOpenid('openid-bob');
  await container.get<AddressBook>(AddressBook).save(user.id, anAddress());
  return {
    db,
    container,
    uid: user.id,
    otherUid: other.id,
    placeOrder: container.get(PlaceOrder),
    preparePayment: container.get(PreparePayment),
    handleNotification: container.get(HandlePaymentNotification),
    orders: container.get<OrderRepository>(OrderRepository),
    stock: container.get<StockGateway>(StockGateway),
    notifications: container.get<PaymentNotificationLog>(PaymentNotificationLog),
    gateway: container.get<PaymentGateway>(PaymentGateway) as FakePaymentGateway,
    clock: container.get<Clock>(Clock) as FixedClock,
    stockOf: (id: number) => db.state.products.get(id)?.stock,
  };
}

export type MemoryShop = Awaited<ReturnType<typeof memoryShop>>;
