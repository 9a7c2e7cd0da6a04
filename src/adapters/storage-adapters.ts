import {
  AddressBook,
  CatalogReader,
  OrderRepository,
  OrderSettlementQueue,
  OrderTradeLog,
  Outbox,
  PaymentNotificationLog,
  RefundRepository,
  ShipmentRepository,
  StockGateway,
  SubscribeConsents,
  ThirdAppRepository,
  UnitOfWork,
  UserRepository,
} from '../application/index.js';

/** The storage ports, as every backend (memory, SQLite, MySQL) provides them over one database. */
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
  readonly shipments: ShipmentRepository;
  readonly outbox: Outbox;
  readonly consents: SubscribeConsents;
  readonly tradeLog: OrderTradeLog;
}

/** The Inversify token of each storage port, by its name in StorageAdapters. */
export const storagePortTokens: { readonly [name in keyof StorageAdapters]: symbol } = {
  orders: OrderRepository,
  stock: StockGateway,
  notifications: PaymentNotificationLog,
  unitOfWork: UnitOfWork,
  addresses: AddressBook,
  users: UserRepository,
  catalog: CatalogReader,
  thirdApps: ThirdAppRepository,
  settlementQueue: OrderSettlementQueue,
  refunds: RefundRepository,
  shipments: ShipmentRepository,
  outbox: Outbox,
  consents: SubscribeConsents,
  tradeLog: OrderTradeLog,
};
