import type { Clock, TransactionalRepositories, UnitOfWork } from '../../application/index.js';
import type { MemoryDatabase } from './memory.database.js';
import { MemoryOrderRepository } from './memory-order.repository.js';
import { MemoryPaymentNotificationLog } from './memory-payment-notification.log.js';
import { MemoryRefundRepository } from './memory-refund.repository.js';
import { MemoryStockGateway } from './memory-stock.gateway.js';

export class MemoryUnitOfWork implements UnitOfWork {
  private readonly repos: TransactionalRepositories;

  constructor(
    private readonly db: MemoryDatabase,
    clock: Clock,
  ) {
    this.repos = {
      orders: new MemoryOrderRepository(db, clock),
      stock: new MemoryStockGateway(db),
      notifications: new MemoryPaymentNotificationLog(db),
      refunds: new MemoryRefundRepository(db),
    };
  }

  run<T>(work: (repos: TransactionalRepositories) => Promise<T>): Promise<T> {
    return this.db.transaction(() => work(this.repos));
  }
}
