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
