import type { Kysely } from 'kysely';
import type { Clock, TransactionalRepositories, UnitOfWork } from '../../application/index.js';
import type { DB } from './schema.js';
import { KyselyOrderRepository } from './kysely-order.repository.js';
import { KyselyOutbox } from './kysely-outbox.js';
import { KyselyPaymentNotificationLog } from './kysely-payment-notification.log.js';
import { KyselyRefundRepository } from './kysely-refund.repository.js';
import { KyselyShipmentRepository } from './kysely-shipment.repository.js';
import { KyselyStockGateway } from './kysely-stock.gateway.js';
import { KyselySubscribeConsents } from './kysely-subscribe-consents.js';
import { retryingRolledBack } from './rolled-back-retry.js';

/** The repositories a unit of work hands its work, over one transaction. */
export function repositoriesFor(db: Kysely<DB>, clock: Clock): TransactionalRepositories {
  return {
    orders: new KyselyOrderRepository(db, clock),
    stock: new KyselyStockGateway(db, clock),
    notifications: new KyselyPaymentNotificationLog(db),
    refunds: new KyselyRefundRepository(db),
    shipments: new KyselyShipmentRepository(db),
    outbox: new KyselyOutbox(db),
    consents: new KyselySubscribeConsents(db),
  };
}

export class KyselyUnitOfWork implements UnitOfWork {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  run<T>(work: (repos: TransactionalRepositories) => Promise<T>): Promise<T> {
    return retryingRolledBack(() => this.db.transaction().execute((trx) => work(repositoriesFor(trx, this.clock))));
  }
}
