import { inject, injectable } from 'inversify';
import { type Fen, OrderNotFound, leftToRefund } from '../../domain/index.js';
import type { OrderDetail } from '../get-order-detail/get-order-detail.use-case.js';
import { ListDeliveries, NO_DELIVERY } from '../list-deliveries/list-deliveries.use-case.js';
import { OrderRepository, type PaymentAttempt } from '../ports/order.repository.js';
import { RefundRepository } from '../ports/refund.repository.js';

export interface InspectOrderCommand {
  readonly orderId: number;
}

/** An order as the operator sees it: whose it is does not matter; how it was paid, refunded and shipped does. */
export interface OrderInspection extends OrderDetail {
  /** Every payment attempt, oldest first: each its own out_trade_no at WeChat. */
  readonly paymentAttempts: readonly PaymentAttempt[];
  /** What an admin may still give back: the paid total less every refund charged to it that has not failed. */
  readonly refundable: Fen;
}

/** One order, anyone's, with its payment attempts and refunds, for the operator's console. */
@injectable()
export class InspectOrder {
  constructor(
    @inject(OrderRepository) private readonly orders: OrderRepository,
    @inject(RefundRepository) private readonly refunds: RefundRepository,
    @inject(ListDeliveries) private readonly deliveries: ListDeliveries,
  ) {}

  async execute(command: InspectOrderCommand): Promise<OrderInspection> {
    const order = await this.orders.findById(command.orderId);
    if (!order) throw new OrderNotFound(command.orderId);
    const [refunds, paymentAttempts, deliveries] = await Promise.all([
      this.refunds.listByOrder(order.id),
      this.orders.listPaymentAttempts(order.id),
      this.deliveries.execute({ orderIds: [order.id] }),
    ]);
    const delivery = deliveries.get(order.id) ?? NO_DELIVERY;
    return { order, refunds, delivery, paymentAttempts, refundable: leftToRefund(order, refunds) };
  }
}
