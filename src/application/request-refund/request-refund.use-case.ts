import { inject, injectable } from 'inversify';
import { type Fen, OrderNotFound, type Refund, RefundNotAllowed, allowedRefund, refundNo } from '../../domain/index.js';
import { Clock } from '../ports/clock.js';
import { OrderRepository } from '../ports/order.repository.js';
import { RefundRepository } from '../ports/refund.repository.js';
import { UnitOfWork } from '../ports/unit-of-work.js';
import { SubmitRefund } from '../submit-refund/submit-refund.use-case.js';

export interface RequestRefundCommand {
  readonly orderId: number;
  /** Fen to give back; the whole order total when absent. */
  readonly refundFee?: Fen;
  readonly reason: string;
}

/** A shop admin gives money back, in full or in part, for a paid order. */
@injectable()
export class RequestRefund {
  constructor(
    @inject(OrderRepository) private readonly orders: OrderRepository,
    @inject(RefundRepository) private readonly refunds: RefundRepository,
    @inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @inject(SubmitRefund) private readonly submit: SubmitRefund,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(command: RequestRefundCommand): Promise<Refund> {
    const order = await this.orders.findById(command.orderId);
    if (!order) throw new OrderNotFound(command.orderId);
    const { transactionId, refundFee } = allowedRefund(order, command.refundFee);
    const now = this.clock.now();

    const outRefundNo = await this.unitOfWork.run(async ({ refunds }) => {
      // The conditional charge holds the order's row until commit, so racing requests number their refunds one after another.
      if (!(await refunds.chargeToOrder(order.id, refundFee))) {
        throw new RefundNotAllowed(order.id, `${refundFee} fen is more than is left to refund`);
      }
      const number = refundNo(transactionId, await refunds.listByOrder(order.id));
      const fresh = await refunds.create({
        outRefundNo: number,
        orderId: order.id,
        transactionId,
        totalFee: order.totalPrice,
        refundFee,
        cause: 'REQUESTED',
        reason: command.reason,
        chargedToOrder: true,
        createdAt: now,
      });
      // Rolls the charge back: a refund of that number exists, so the count above was not the payment's latest.
      if (!fresh) throw new Error(`refund number ${number} is taken; nothing was charged`);
      return number;
    });
    const recorded = (await this.refunds.find(outRefundNo)) as Refund;
    // WeChat being slow or down does not fail the request: the refund is recorded and the job finishes it.
    await this.submit.execute({ refund: recorded }).catch(() => undefined);
    return (await this.refunds.find(outRefundNo)) as Refund;
  }
}
