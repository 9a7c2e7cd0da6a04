import { inject, injectable } from 'inversify';
import type { Shipment } from '../../domain/index.js';
import { Outbox, type OutboxItem } from '../ports/outbox.js';
import { type OrderTradeFacts, OrderTradeLog } from '../ports/order-trade.log.js';
import { ShipmentRepository } from '../ports/shipment.repository.js';
import { messageKey, uploadKey } from '../deliver-order/delivery-work.js';

export interface ShipmentView {
  readonly shipment: Shipment;
  /** Where its upload to WeChat stands (PENDING, DONE, FAILED with the reason, SKIPPED). */
  readonly upload: OutboxItem | null;
  /** The delivery message, when one was owed. */
  readonly message: OutboxItem | null;
}

/** What an order shows of its delivery: the shipments, and what WeChat's shipping management said of it. */
export interface DeliveryView {
  readonly shipments: readonly ShipmentView[];
  readonly trade: OrderTradeFacts | null;
}

export const NO_DELIVERY: DeliveryView = { shipments: [], trade: null };

export interface ListDeliveriesCommand {
  readonly orderIds: readonly number[];
}

/** The delivery of several orders in three reads, whatever their number (a page of the CMS list). */
@injectable()
export class ListDeliveries {
  constructor(
    @inject(ShipmentRepository) private readonly shipments: ShipmentRepository,
    @inject(Outbox) private readonly outbox: Outbox,
    @inject(OrderTradeLog) private readonly trade: OrderTradeLog,
  ) {}

  async execute({ orderIds }: ListDeliveriesCommand): Promise<Map<number, DeliveryView>> {
    const views = new Map<number, DeliveryView>();
    if (orderIds.length === 0) return views;
    const [shipments, items, facts] = await Promise.all([
      this.shipments.listByOrders(orderIds),
      this.outbox.listByOrders(orderIds),
      this.trade.listByOrders(orderIds),
    ]);
    const byKey = new Map(items.map((item) => [item.key, item]));
    for (const orderId of orderIds) {
      views.set(orderId, {
        shipments: shipments
          .filter((shipment) => shipment.orderId === orderId)
          .map((shipment) => ({
            shipment,
            upload: byKey.get(uploadKey(orderId, shipment.seq)) ?? null,
            message: byKey.get(messageKey(orderId, shipment.seq)) ?? null,
          })),
        trade: facts.find((fact) => fact.orderId === orderId) ?? null,
      });
    }
    return views;
  }
}
