import type { Kysely } from 'kysely';
import type { Clock } from '../../application/index.js';
import type { StorageAdapters } from '../storage-adapters.js';
import { KyselyAddressBook } from './kysely-address.book.js';
import { KyselyCatalogReader } from './kysely-catalog.reader.js';
import { KyselyOrderRepository } from './kysely-order.repository.js';
import { KyselyOrderSettlementQueue } from './kysely-order-settlement.queue.js';
import { KyselyOrderTradeLog } from './kysely-order-trade.log.js';
import { KyselyOutbox } from './kysely-outbox.js';
import { KyselyPaymentNotificationLog } from './kysely-payment-notification.log.js';
import { KyselyRefundRepository } from './kysely-refund.repository.js';
import { KyselyShipmentRepository } from './kysely-shipment.repository.js';
import { KyselyStockGateway } from './kysely-stock.gateway.js';
import { KyselySubscribeConsents } from './kysely-subscribe-consents.js';
import { KyselyThirdAppRepository } from './kysely-third-app.repository.js';
import { KyselyUnitOfWork } from './kysely-unit-of-work.js';
import { KyselyUserRepository } from './kysely-user.repository.js';
import type { DB } from './schema.js';

export { openDatabase, type Database, type Dialect } from './database.js';
export type { DB } from './schema.js';
export { SQLITE_PRAGMAS } from './sqlite.js';
export { mysqlPoolOptions } from './mysql.js';
export { migrateToLatest } from './migrate.js';
export { transactionRetries } from './rolled-back-retry.js';
export { seedDemoData, ensureEmbeddedSeeded, SeedRefused, type SeedOptions } from './seed.js';
export { defaultAdminSecret } from './seed-data.js';
// The adapters' SQL as builders over row values, and the mapping to those rows: the benchmark's floor compiles them.
export { attemptRow, orderRow, orderStatements, prepaySet, transitionSet } from './kysely-order.statements.js';
export { addressStatements } from './kysely-address.book.js';
export { notificationRow, notificationStatements } from './kysely-payment-notification.log.js';
export { stockStatements, toProduct } from './kysely-stock.gateway.js';
export { userStatements } from './kysely-user.repository.js';
export { compiled } from './compiled-statements.js';
export { type StatementBatch, mysqlBatch } from './mysql-batch.js';
export { KyselyAccessTokenStore } from './kysely-access-token.store.js';
export {
  KyselyAddressBook,
  KyselyCatalogReader,
  KyselyOrderRepository,
  KyselyOrderSettlementQueue,
  KyselyPaymentNotificationLog,
  KyselyRefundRepository,
  KyselyStockGateway,
  KyselyThirdAppRepository,
  KyselyUnitOfWork,
  KyselyUserRepository,
};

/**
 * Every database-backed port over one Kysely instance (a pool, or SQLite's one connection). The
 * clock stamps what the rows record of their own changes (`update_time`, a user's `create_time`).
 */
export function createKyselyAdapters(db: Kysely<DB>, clock: Clock): StorageAdapters {
  return {
    orders: new KyselyOrderRepository(db, clock),
    stock: new KyselyStockGateway(db, clock),
    notifications: new KyselyPaymentNotificationLog(db),
    unitOfWork: new KyselyUnitOfWork(db, clock),
    addresses: new KyselyAddressBook(db, clock),
    users: new KyselyUserRepository(db, clock),
    catalog: new KyselyCatalogReader(db),
    thirdApps: new KyselyThirdAppRepository(db),
    settlementQueue: new KyselyOrderSettlementQueue(db),
    refunds: new KyselyRefundRepository(db),
    shipments: new KyselyShipmentRepository(db),
    outbox: new KyselyOutbox(db),
    consents: new KyselySubscribeConsents(db),
    tradeLog: new KyselyOrderTradeLog(db),
  };
}
