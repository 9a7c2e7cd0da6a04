import { inject, injectable } from 'inversify';
import {
  type Fen,
  type LineStatus,
  type Order,
  type StockCheck,
  OrderNotFound,
  OrderNotPayable,
  OrderStatus,
  assertOwnedBy,
  assertPayable,
  checkStock,
  outTradeNo,
  payDeadline,
  withShortLines,
} from '../../domain/index.js';
import { Clock } from '../ports/clock.js';
import { OrderRepository, type PaymentAttempt } from '../ports/order.repository.js';
import { PayConfig } from '../ports/pay.config.js';
import { PaymentGateway, PaymentGatewayError, type PaymentParams } from '../ports/payment.gateway.js';
import { StockGateway } from '../ports/stock.gateway.js';
import { UnitOfWork } from '../ports/unit-of-work.js';
import { UserRepository } from '../ports/user.repository.js';

export interface PreparePaymentCommand {
  readonly uid: number;
  readonly orderId: number;
  readonly clientIp: string;
}

export type PreparePaymentResult =
  | { readonly pass: true; readonly params: PaymentParams }
  | {
      readonly pass: false;
      readonly orderId: number;
      readonly orderPrice: Fen;
      readonly totalCount: number;
      readonly pStatusArray: LineStatus[];
    };

/** WeChat keeps a prepay id for two hours. */
const PREPAY_LIFETIME_MS = 2 * 60 * 60 * 1000;
/** A prepay id this close to its end is not handed out again: the user needs time to pay. */
const PREPAY_REUSE_MARGIN_MS = 5 * 60 * 1000;
/** WeChat refuses a time_expire less than five minutes away. */
const MIN_PAY_WINDOW_MS = 5 * 60 * 1000;

@injectable()
export class PreparePayment {
  constructor(
    @inject(OrderRepository) private readonly orders: OrderRepository,
    @inject(StockGateway) private readonly stock: StockGateway,
    @inject(UserRepository) private readonly users: UserRepository,
    @inject(PaymentGateway) private readonly payments: PaymentGateway,
    @inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @inject(Clock) private readonly clock: Clock,
    @inject(PayConfig) private readonly config: PayConfig,
  ) {}

  async execute(command: PreparePaymentCommand): Promise<PreparePaymentResult> {
    const order = await this.orders.findById(command.orderId);
    if (!order) throw new OrderNotFound(command.orderId);
    assertOwnedBy(order, command.uid);
    assertPayable(order);

    const now = this.clock.now();
    const held = !order.stockReserved;
    // Two independent reads, issued together: its payment attempts, and (under on_payment) what is
    // free for it, its own hold counted as its own.
    const [attempts, products] = await Promise.all([
      this.orders.listPaymentAttempts(order.id),
      held ? this.stock.findProducts(order.lines.map((line) => line.productId), order.id) : [],
    ]);
    const reusable = attempts.find(
      (attempt) => attempt.prepayExpiresAt.getTime() - now.getTime() > PREPAY_REUSE_MARGIN_MS,
    );
    const deadline = payDeadline(order.createTime, this.config.orderPayTimeoutSeconds);
    if (!reusable && deadline.getTime() - now.getTime() < MIN_PAY_WINDOW_MS) {
      throw new OrderNotPayable(order.id, 'the payment window has closed');
    }
    if (held) {
      // Under on_order the goods are already reserved. Under on_payment the order's units are held
      // until its pay window closes (WeChat refuses payment after it), or it is refused here, before
      // WeChat is asked for anything; a hold taken before is the order's, not a second one. Once
      // sold out, the read refuses most buyers without a lock; the conditional write decides the rest.
      // The order is still unpaid when its hold is taken, by a write on its row: a payment that
      // committed since the read above has ended its holds, and none is taken after it.
      const check = checkStock(order.lines, products);
      if (!check.pass) return shortOf(order.id, check);
      const admitted = await this.unitOfWork.run(async ({ orders, stock }) =>
        (await orders.touchWhile(order.id, OrderStatus.UNPAID)) ? stock.hold(order.id, order.lines, this.holdEnd(deadline)) : null,
      );
      if (!admitted) throw new OrderNotPayable(order.id, 'it is no longer unpaid');
      if (!admitted.ok) return shortOf(order.id, withShortLines(check, admitted.shortProductIds));
    }
    const prepayId = reusable ? reusable.prepayId : await this.newAttempt(order, attempts.length, command, now, deadline);
    return { pass: true, params: this.payments.paymentParams(prepayId) };
  }

  /** A payment made just before the deadline may be notified after it: its units are not free meanwhile. */
  private holdEnd(deadline: Date): Date {
    return new Date(deadline.getTime() + this.config.stockHoldGraceSeconds * 1000);
  }

  private async newAttempt(order: Order, previous: number, command: PreparePaymentCommand, now: Date, deadline: Date): Promise<string> {
    const user = await this.users.findById(command.uid);
    if (!user) throw new OrderNotFound(order.id);

    // Nothing is recorded until WeChat answers, so a retry after a timeout sends the same
    // out_trade_no with the same parameters and WeChat answers the same prepay id. Should WeChat
    // refuse that number as used with other parameters, the next number is tried once.
    for (let attemptNo = previous + 1; attemptNo <= previous + 2; attemptNo++) {
      const attemptTradeNo = outTradeNo(order.orderNo, attemptNo);
      try {
        const prepayId = await this.payments.prepay({
          outTradeNo: attemptTradeNo,
          totalFee: order.totalPrice,
          body: order.snapName,
          openid: user.openid,
          clientIp: command.clientIp,
          timeExpire: deadline,
        });
        const attempt: PaymentAttempt = {
          orderId: order.id,
          outTradeNo: attemptTradeNo,
          prepayId,
          prepayExpiresAt: new Date(Math.min(deadline.getTime(), now.getTime() + PREPAY_LIFETIME_MS)),
          createdAt: now,
        };
        await this.record(attempt);
        return prepayId;
      } catch (error) {
        if (error instanceof PaymentGatewayError && error.reason === 'OUT_TRADE_NO_USED') continue;
        if (error instanceof PaymentGatewayError && error.reason === 'ORDERPAID') {
          throw new OrderNotPayable(order.id, 'WeChat reports it paid; its notification is on the way');
        }
        throw error;
      }
    }
    throw new PaymentGatewayError('OUT_TRADE_NO_USED', `WeChat refused every out_trade_no tried for order ${order.id}`);
  }

  /**
   * A double tap sends pre_order twice at once: both get the same prepay id from WeChat for the
   * same out_trade_no, and the second to record it finds it recorded. That is success, not a 500.
   */
  private async record(attempt: PaymentAttempt): Promise<void> {
    try {
      // Both or neither on its own (one round trip on MySQL): no unit of work needed.
      await this.orders.addPaymentAttempt(attempt);
    } catch (error) {
      const recorded = await this.orders.findPaymentAttempt(attempt.outTradeNo);
      if (recorded?.prepayId !== attempt.prepayId) throw error;
    }
  }
}

function shortOf(orderId: number, { orderPrice, totalCount, pStatusArray }: StockCheck): PreparePaymentResult {
  return { pass: false, orderId, orderPrice, totalCount, pStatusArray };
}
