import { inject, injectable } from 'inversify';
import { type Order, OrderNotFound, assertOwnedBy } from '../../domain/index.js';
import { OrderRepository } from '../ports/order.repository.js';

export interface GetOrderDetailCommand {
  readonly uid: number;
  readonly orderId: number;
}

/** One order with its snapshot, for its owner only (zerg showed any order to anyone). */
@injectable()
export class GetOrderDetail {
  constructor(@inject(OrderRepository) private readonly orders: OrderRepository) {}

  async execute(command: GetOrderDetailCommand): Promise<Order> {
    const order = await this.orders.findById(command.orderId);
    if (!order) throw new OrderNotFound(command.orderId);
    assertOwnedBy(order, command.uid);
    return order;
  }
}
