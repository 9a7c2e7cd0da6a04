import { inject, injectable } from 'inversify';
import { OrderNotDeliverable, OrderNotFound, OrderStatus } from '../../domain/index.js';
import { OrderRepository } from '../ports/order.repository.js';
import { UnitOfWork } from '../ports/unit-of-work.js';

export interface DeliverOrderCommand {
  readonly orderId: number;
}

/** Marks a PAID order DELIVERED; anything else (unpaid, out of stock, already delivered) is refused. */
@injectable()
export class DeliverOrder {
  constructor(
    @inject(OrderRepository) private readonly orders: OrderRepository,
    @inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
  ) {}

  async execute(command: DeliverOrderCommand): Promise<void> {
    const order = await this.orders.findById(command.orderId);
    if (!order) throw new OrderNotFound(command.orderId);
    const won = await this.unitOfWork.run(({ orders }) =>
      orders.transition(order.id, OrderStatus.PAID, OrderStatus.DELIVERED),
    );
    if (!won) throw new OrderNotDeliverable(order.id);
  }
}
