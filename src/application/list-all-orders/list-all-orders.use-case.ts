import { inject, injectable } from 'inversify';
import type { Order } from '../../domain/index.js';
import { OrderRepository, type Page } from '../ports/order.repository.js';

/** Every order, newest first, for the CMS. */
@injectable()
export class ListAllOrders {
  constructor(@inject(OrderRepository) private readonly orders: OrderRepository) {}

  async execute(command: Page): Promise<Order[]> {
    return this.orders.listAll({ page: command.page, size: command.size });
  }
}
