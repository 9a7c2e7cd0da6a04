import { inject, injectable } from 'inversify';
import { type Order, OrderNotFound, type Refund, assertOwnedBy } from '../../domain/index.js';
import { type DeliveryView, ListDeliveries, NO_DELIVERY } from '../list-deliveries/list-deliveries.use-case.js';
import { OrderRepository } from '../ports/order.repository.js';
import { RefundRepository } from '../ports/refund.repository.js';

export interface GetOrderDetailCommand {
  readonly uid: number;
  readonly orderId: number;
}

/** An order with the refunds of its payment, oldest first: where the money went back, or why not. */
export interface OrderDetail {
  readonly order: Order;
  readonly refunds: readonly Refund[];
  /** Its shipments, their uploads to WeChat, and what WeChat's shipping management said of it. */
  readonly delivery: DeliveryView;
}

/** One order with its snapshot and refunds, for its owner only (zerg showed any order to anyone). */
@injectable()
export class GetOrderDetail {
  constructor(
    @inject(OrderRepository) private readonly orders: OrderRepository,
    @inject(RefundRepository) private readonly refunds: RefundRepository,
    @inject(ListDeliveries) private readonly deliveries: ListDeliveries,
  ) {}

  async execute(command: GetOrderDetailCommand): Promise<OrderDetail> {
    const order = await this.orders.findById(command.orderId);
    if (!order) throw new OrderNotFound(command.orderId);
    assertOwnedBy(order, command.uid);
    const deliveries = await this.deliveries.execute({ orderIds: [order.id] });
    return { order, refunds: await this.refunds.listByOrder(order.id), delivery: deliveries.get(order.id) ?? NO_DELIVERY };
  }
}
