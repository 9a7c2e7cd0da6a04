import { inject, injectable } from 'inversify';
import type { Order } from '../../domain/index.js';
import { OrderRepository, type Page } from '../ports/order.repository.js';

export interface ListMyOrdersCommand extends Page {
  readonly uid: number;
}

/** The caller's orders, newest first; an empty page means there are no more. */
@injectable()
export class ListMyOrders {
  constructor(@inject(OrderRepository) private readonly orders: OrderRepository) {}

  async execute(command: ListMyOrdersCommand): Promise<Order[]> {
    return this.orders.listByUser(command.uid, { page: command.page, size: command.size });
  }
}
