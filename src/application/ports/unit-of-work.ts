import type { OrderRepository } from './order.repository.js';
import type { Outbox } from './outbox.js';
import type { PaymentNotificationLog } from './payment-notification.log.js';
import type { RefundRepository } from './refund.repository.js';
import type { ShipmentRepository } from './shipment.repository.js';
import type { StockGateway } from './stock.gateway.js';
import type { SubscribeConsents } from './subscribe-consents.js';

/** The repositories a transaction hands its work: every write through them commits or rolls back together. */
export interface TransactionalRepositories {
  readonly orders: OrderRepository;
  readonly stock: StockGateway;
  readonly notifications: PaymentNotificationLog;
  readonly refunds: RefundRepository;
  readonly shipments: ShipmentRepository;
  readonly outbox: Outbox;
  readonly consents: SubscribeConsents;
}

export const UnitOfWork = Symbol('UnitOfWork');
export interface UnitOfWork {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  run<T>(work: (repos: TransactionalRepositories) => Promise<T>): Promise<T>;
}
