import type { NewOrder, Order, OrderStatus, OrderStatusAfter } from '../../domain/index.js';

export interface PaymentAttempt {
  readonly orderId: number;
  readonly outTradeNo: string;
  readonly prepayId: string;
  readonly prepayExpiresAt: Date;
  readonly createdAt: Date;
}

export interface StatusChange {
  readonly transactionId?: string;
  readonly paidAt?: Date;
}

export interface Page {
  readonly page: number;
  readonly size: number;
}

/** Which orders a list holds; every order when empty. */
export interface OrderFilter {
  readonly status?: OrderStatus;
}

export const OrderRepository = Symbol('OrderRepository');
export interface OrderRepository {
  /**
   * Writes the order and its order_product lines, all or nothing, on its own or inside a unit of
   * work (with whatever else that unit writes); returns the new id.
   */
  insert(order: NewOrder): Promise<number>;
  findById(id: number): Promise<Order | null>;
  /** Newest first. */
  listByUser(userId: number, page: Page): Promise<Order[]>;
  /** Newest first, only those the filter names. */
  listAll(page: Page, filter?: OrderFilter): Promise<Order[]>;
  /**
   * Compare-and-set: moves the order from `from` to `to` only if it is still in `from`.
   * Returns whether this call won; the loser must change nothing else. Only moves the domain's
   * status machine allows compile (`OrderStatusAfter`), so the repository checks none itself.
   */
  transition<From extends OrderStatus>(id: number, from: From, to: OrderStatusAfter<From>, change?: StatusChange): Promise<boolean>;
  /**
   * Compare-and-set without a move: writes the order's update_time only while it is still in
   * `status`; returns whether it was. A write, not a read, so a status change racing it waits for
   * it or (on a Galera cluster) conflicts with it at commit. Run inside a unit of work.
   */
  touchWhile(id: number, status: OrderStatus): Promise<boolean>;
  /** Records a payment attempt (its own out_trade_no) and makes its prepay id the order's current one: both or neither, on its own or in a unit of work. */
  addPaymentAttempt(attempt: PaymentAttempt): Promise<void>;
  listPaymentAttempts(orderId: number): Promise<PaymentAttempt[]>;
  findPaymentAttempt(outTradeNo: string): Promise<PaymentAttempt | null>;
}
