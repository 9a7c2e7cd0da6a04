import { inject, injectable } from 'inversify';
import {
  type LogisticsType,
  OrderNotDeliverable,
  OrderNotFound,
  OrderStatus,
  type Parcel,
  ReshipmentUsed,
  type Shipment,
  UnknownCarrier,
  checkShipmentRequest,
  firstUnknownCarrier,
  nextShipmentSeq,
} from '../../domain/index.js';
import { Clock } from '../ports/clock.js';
import { DeliveryConfig } from '../ports/delivery.config.js';
import { OrderRepository } from '../ports/order.repository.js';
import { UnitOfWork } from '../ports/unit-of-work.js';
import { UserRepository } from '../ports/user.repository.js';
import { CarrierDirectory } from '../ports/wechat-mini-program.js';
import { addDeliveryMessage, shippingUploadItem } from './delivery-work.js';

export interface DeliverOrderCommand {
  readonly orderId: number;
  /** Absent: the shop's default (DELIVERY_LOGISTICS_TYPE), which is how zerg's `{id}` alone ships. */
  readonly logisticsType?: LogisticsType;
  readonly parcels?: readonly Parcel[];
  /** The one re-shipment WeChat allows, of a DELIVERED order; without it a delivered order is refused as before. */
  readonly reship?: boolean;
}

/**
 * Ships an order: a PAID order becomes DELIVERED with its shipment, or a DELIVERED one gets its one
 * re-shipment. In the same transaction the shipment's upload to WeChat (and the buyer's delivery
 * message, when they allowed one) is written to the outbox, for the lifecycle jobs to send.
 * Unpaid, closed, out-of-stock and fully refunded orders are refused; express carriers are checked
 * against WeChat's list first.
 */
@injectable()
export class DeliverOrder {
  constructor(
    @inject(OrderRepository) private readonly orders: OrderRepository,
    @inject(UserRepository) private readonly users: UserRepository,
    @inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @inject(CarrierDirectory) private readonly carriers: CarrierDirectory,
    @inject(DeliveryConfig) private readonly config: DeliveryConfig,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(command: DeliverOrderCommand): Promise<Shipment> {
    const order = await this.orders.findById(command.orderId);
    if (!order) throw new OrderNotFound(command.orderId);
    const request = { logisticsType: command.logisticsType ?? this.config.defaultLogisticsType, parcels: command.parcels ?? [] };
    checkShipmentRequest(request);
    if (request.logisticsType === 'EXPRESS') {
      const unknown = firstUnknownCarrier(request.parcels, await this.carriers.carrierCodes());
      if (unknown >= 0) throw new UnknownCarrier(`parcels[${unknown}].carrier_code`, request.parcels[unknown]!.carrierCode);
    }
    const payer = await this.users.findById(order.userId);
    const reship = command.reship ?? false;
    const now = this.clock.now();

    return this.unitOfWork.run(async (tx) => {
      const current = (await tx.orders.findById(order.id)) ?? order;
      const seq = nextShipmentSeq(current, await tx.refunds.listByOrder(order.id), await tx.shipments.listByOrder(order.id), reship);
      // The compare-and-set decides between deliveries racing: the losers roll back whole.
      if (seq === 1 && !(await tx.orders.transition(order.id, OrderStatus.PAID, OrderStatus.DELIVERED))) {
        throw new OrderNotDeliverable(order.id);
      }
      const shipment: Shipment = { orderId: order.id, seq, logisticsType: request.logisticsType, parcels: request.parcels, shippedAt: now };
      if (!(await tx.shipments.add(shipment))) throw reship ? new ReshipmentUsed(order.id) : new OrderNotDeliverable(order.id);
      await tx.outbox.add(shippingUploadItem(current, shipment, payer?.openid ?? null, now));
      await addDeliveryMessage(tx, this.config.message, current, shipment, payer?.openid ?? null, now);
      return shipment;
    });
  }
}
