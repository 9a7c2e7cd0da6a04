import { addressBookContract } from './address.book.contract.js';
import { catalogReaderContract } from './catalog.reader.contract.js';
import { deliveryContracts } from './delivery.contract.js';
import { orderRepositoryContract } from './order.repository.contract.js';
import { orderSettlementQueueContract } from './order-settlement.queue.contract.js';
import { paymentNotificationLogContract } from './payment-notification.log.contract.js';
import { refundRepositoryContract } from './refund.repository.contract.js';
import { stockGatewayContract } from './stock.gateway.contract.js';
import { stockHoldsContract } from './stock-holds.contract.js';
import { thirdAppRepositoryContract } from './third-app.repository.contract.js';
import { unitOfWorkContract } from './unit-of-work.contract.js';
import { userRepositoryContract } from './user.repository.contract.js';
import type { WorldFactory } from './worlds.js';

/** Every port's contract, for one backend. */
export function allContracts(newWorld: WorldFactory): void {
  orderRepositoryContract(newWorld);
  stockGatewayContract(newWorld);
  stockHoldsContract(newWorld);
  paymentNotificationLogContract(newWorld);
  unitOfWorkContract(newWorld);
  addressBookContract(newWorld);
  userRepositoryContract(newWorld);
  catalogReaderContract(newWorld);
  thirdAppRepositoryContract(newWorld);
  refundRepositoryContract(newWorld);
  orderSettlementQueueContract(newWorld);
  deliveryContracts(newWorld);
}
