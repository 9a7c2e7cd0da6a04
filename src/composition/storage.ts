import type { ContainerModuleLoadOptions } from 'inversify';
import {
  AddressBook,
  CatalogReader,
  OrderRepository,
  OrderSettlementQueue,
  PaymentNotificationLog,
  RefundRepository,
  StockGateway,
  ThirdAppRepository,
  UnitOfWork,
  UserRepository,
} from '../application/index.js';
import type { StorageAdapters } from '../adapters/storage-adapters.js';

export type { StorageAdapters };

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
