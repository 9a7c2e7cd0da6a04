import { inject, injectable } from 'inversify';
import { type Fen, OrderNotFound, OrderStatus, type Refund, RefundNotAllowed, fen } from '../../domain/index.js';
import { Clock } from '../ports/clock.js';
import { OrderNumberGenerator } from '../ports/order-number.generator.js';
import { OrderRepository } from '../ports/order.repository.js';
import { RefundRepository } from '../ports/refund.repository.js';
import { UnitOfWork } from '../ports/unit-of-work.js';
import { RefundProgress } from '../refund-progress/refund-progress.js';

export interface RequestRefundCommand {
  readonly orderId: number;
  /** Fen to give back; the whole order total when absent. */
  readonly refundFee?: Fen;
  readonly reason: string;
}

const REFUNDABLE = [OrderStatus.PAID, OrderStatus.DELIVERED, OrderStatus.PAID_BUT_OUT_OF];

/** A shop admin gives money back, in full or in part, for a paid order. */
@injectable()
export class RequestRefund {
  constructor(
    @inject(OrderRepository) private readonly orders: OrderRepository,
    @inject(RefundRepository) private readonly refunds: RefundRepository,
    @inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @inject(RefundProgress) private readonly progress: RefundProgress,
    @inject(OrderNumberGenerator) private readonly numbers: OrderNumberGenerator,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(command: RequestRefundCommand): Promise<Refund> {
    const order = await this.orders.findById(command.orderId);
    if (!order) throw new OrderNotFound(command.orderId);
    if (!REFUNDABLE.includes(order.status) || !order.transactionId) {
      throw new RefundNotAllowed(order.id, `status ${OrderStatus[order.status]} has no payment to refund`);
    }
    const refundFee = fen(command.refundFee ?? order.totalPrice);
    if (refundFee <= 0) throw new RefundNotAllowed(order.id, 'the amount must be at least 1 fen');
    const transactionId = order.transactionId;
    const now = this.clock.now();
    const outRefundNo = `R${this.numbers.next(now)}`;

    await this.unitOfWork.run(async ({ refunds }) => {
      if (!(await refunds.chargeToOrder(order.id, refundFee))) {
        throw new RefundNotAllowed(order.id, `${refundFee} fen is more than is left to refund`);
      }
      await refunds.create({
        outRefundNo,
        orderId: order.id,
        transactionId,
        totalFee: order.totalPrice,
        refundFee,
        cause: 'REQUESTED',
        reason: command.reason,
        chargedToOrder: true,
        createdAt: now,
      });
    });
    const created = (await this.refunds.find(outRefundNo)) as Refund;
    // WeChat being slow or down does not fail the request: the refund is recorded and the job finishes it.
    await this.progress.submit(created).catch(() => undefined);
    return (await this.refunds.find(outRefundNo)) as Refund;
  }
}
