import type { Clock, TransactionalRepositories, UnitOfWork } from '../../application/index.js';
import type { MemoryDatabase } from './memory.database.js';
import { MemoryOrderRepository } from './memory-order.repository.js';
import { MemoryOutbox } from './memory-outbox.js';
import { MemoryPaymentNotificationLog } from './memory-payment-notification.log.js';
import { MemoryRefundRepository } from './memory-refund.repository.js';
import { MemoryShipmentRepository } from './memory-shipment.repository.js';
import { MemoryStockGateway } from './memory-stock.gateway.js';
import { MemorySubscribeConsents } from './memory-subscribe-consents.js';

export class MemoryUnitOfWork implements UnitOfWork {
  private readonly repos: TransactionalRepositories;

  constructor(
    private readonly db: MemoryDatabase,
    clock: Clock,
  ) {
    this.repos = {
      orders: new MemoryOrderRepository(db, clock),
      stock: new MemoryStockGateway(db, clock),
      notifications: new MemoryPaymentNotificationLog(db),
      refunds: new MemoryRefundRepository(db),
      shipments: new MemoryShipmentRepository(db),
      outbox: new MemoryOutbox(db),
      consents: new MemorySubscribeConsents(db),
    };
  }

  run<T>(work: (repos: TransactionalRepositories) => Promise<T>): Promise<T> {
    return this.db.transaction(() => work(this.repos));
  }
}
