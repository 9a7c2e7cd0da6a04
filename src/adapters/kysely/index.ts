import type { Kysely } from 'kysely';
import type { DB } from './database.js';
import { KyselyAddressBook } from './kysely-address.book.js';
import { KyselyCatalogReader } from './kysely-catalog.reader.js';
import { KyselyOrderRepository } from './kysely-order.repository.js';
import { KyselyOrderSettlementQueue } from './kysely-order-settlement.queue.js';
import { KyselyPaymentNotificationLog } from './kysely-payment-notification.log.js';
import { KyselyRefundRepository } from './kysely-refund.repository.js';
import { KyselyStockGateway } from './kysely-stock.gateway.js';
import { KyselyThirdAppRepository } from './kysely-third-app.repository.js';
import { KyselyUnitOfWork } from './kysely-unit-of-work.js';
import { KyselyUserRepository } from './kysely-user.repository.js';

export { openDatabase, type Database, type DB, type Dialect } from './database.js';
export { migrateToLatest } from './migrate.js';
export { seedDemoData, ensureEmbeddedSeeded, SeedRefused, type SeedOptions } from './seed.js';
export { hashSecret, verifySecret } from './secret-hash.js';
export { defaultAdminSecret } from './seed-data.js';
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

/** Every database-backed port over one Kysely instance (a pool, or SQLite's one connection). */
export function createKyselyAdapters(db: Kysely<DB>) {
  return {
    orders: new KyselyOrderRepository(db),
    stock: new KyselyStockGateway(db),
    notifications: new KyselyPaymentNotificationLog(db),
    unitOfWork: new KyselyUnitOfWork(db),
    addresses: new KyselyAddressBook(db),
    users: new KyselyUserRepository(db),
    catalog: new KyselyCatalogReader(db),
    thirdApps: new KyselyThirdAppRepository(db),
    settlementQueue: new KyselyOrderSettlementQueue(db),
    refunds: new KyselyRefundRepository(db),
  };
}

export type KyselyAdapters = ReturnType<typeof createKyselyAdapters>;
