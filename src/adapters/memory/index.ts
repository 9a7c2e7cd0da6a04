import type { Clock } from '../../application/index.js';
import type { StorageAdapters } from '../storage-adapters.js';
import { MemoryAddressBook } from './memory-address.book.js';
import { MemoryCatalogReader } from './memory-catalog.reader.js';
import { MemoryOrderRepository } from './memory-order.repository.js';
import { MemoryOrderSettlementQueue } from './memory-order-settlement.queue.js';
import { MemoryOrderTradeLog } from './memory-order-trade.log.js';
import { MemoryOutbox } from './memory-outbox.js';
import { MemoryPaymentNotificationLog } from './memory-payment-notification.log.js';
import { MemoryRefundRepository } from './memory-refund.repository.js';
import { MemoryShipmentRepository } from './memory-shipment.repository.js';
import { MemoryStockGateway } from './memory-stock.gateway.js';
import { MemorySubscribeConsents } from './memory-subscribe-consents.js';
import { MemoryThirdAppRepository } from './memory-third-app.repository.js';
import { MemoryUnitOfWork } from './memory-unit-of-work.js';
import { MemoryUserRepository } from './memory-user.repository.js';
import type { MemoryDatabase } from './memory.database.js';

export { MemoryDatabase, type MemoryProductInfo, type MemoryState } from './memory.database.js';

/** Every storage port over one in-memory database, stamped by `clock` as the SQL tables are. */
export function createMemoryAdapters(db: MemoryDatabase, clock: Clock): StorageAdapters {
  return {
    orders: new MemoryOrderRepository(db, clock),
    stock: new MemoryStockGateway(db, clock),
    notifications: new MemoryPaymentNotificationLog(db),
    unitOfWork: new MemoryUnitOfWork(db, clock),
    addresses: new MemoryAddressBook(db, clock),
    users: new MemoryUserRepository(db, clock),
    catalog: new MemoryCatalogReader(db),
    thirdApps: new MemoryThirdAppRepository(db),
    settlementQueue: new MemoryOrderSettlementQueue(db),
    refunds: new MemoryRefundRepository(db),
    shipments: new MemoryShipmentRepository(db),
    outbox: new MemoryOutbox(db),
    consents: new MemorySubscribeConsents(db),
    tradeLog: new MemoryOrderTradeLog(db),
  };
}
