import { inject, injectable } from 'inversify';
import type { OrderDetail } from '../get-order-detail/get-order-detail.use-case.js';
import type { OrderStatus } from '../../domain/index.js';
import { ListDeliveries, NO_DELIVERY } from '../list-deliveries/list-deliveries.use-case.js';
import { OrderRepository, type Page } from '../ports/order.repository.js';
import { RefundRepository } from '../ports/refund.repository.js';

export interface ListAllOrdersCommand extends Page {
  /** Only orders of this status; all when absent. */
  readonly status?: OrderStatus;
}

/** Every order (or those of one status), newest first, with its refunds, for the CMS. */
@injectable()
export class ListAllOrders {
  constructor(
    @inject(OrderRepository) private readonly orders: OrderRepository,
    @inject(RefundRepository) private readonly refunds: RefundRepository,
    @inject(ListDeliveries) private readonly deliveries: ListDeliveries,
  ) {}

  async execute(command: ListAllOrdersCommand): Promise<OrderDetail[]> {
    const orders = await this.orders.listAll({ page: command.page, size: command.size }, { status: command.status });
    // One query for the page's refunds, not one per order.
    const refunds = await this.refunds.listByOrders(orders.map((order) => order.id));
    const deliveries = await this.deliveries.execute({ orderIds: orders.map((order) => order.id) });
    return orders.map((order) => ({
      order,
      refunds: refunds.filter((refund) => refund.orderId === order.id),
      delivery: deliveries.get(order.id) ?? NO_DELIVERY,
    }));
  }
}
