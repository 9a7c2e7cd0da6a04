import type { Address } from './address.js';
import { NotOrderOwner, OrderClosed, OrderNotPayable } from './errors.js';
import type { Fen } from './money.js';
import type { OrderLine } from './order-line.js';
import { OrderStatus } from './order-status.js';
import type { LineStatus } from './snapshot.js';

export interface Order {
  readonly id: number;
  readonly orderNo: string;
  readonly userId: number;
  readonly status: OrderStatus;
  readonly totalPrice: Fen;
  readonly totalCount: number;
  /** Whether the stock was deducted when the order was placed (on_order): then paying moves none and closing gives it back. */
  readonly stockReserved: boolean;
  readonly snapName: string;
  readonly snapImg: string;
  readonly snapItems: LineStatus[];
  readonly snapAddress: Address;
  readonly lines: OrderLine[];
  readonly createTime: Date;
  readonly prepayId: string | null;
  readonly prepayExpiresAt: Date | null;
  readonly transactionId: string | null;
  readonly paidAt: Date | null;
}

export type NewOrder = Omit<Order, 'id' | 'prepayId' | 'prepayExpiresAt' | 'transactionId' | 'paidAt'>;

export function assertOwnedBy(order: Order, userId: number): void {
  if (order.userId !== userId) throw new NotOrderOwner();
}

export function assertPayable(order: Order): void {
  if (order.status === OrderStatus.CLOSED) throw new OrderClosed(order.id);
  if (order.status !== OrderStatus.UNPAID) {
    throw new OrderNotPayable(order.id, OrderStatus[order.status] ?? String(order.status));
  }
}
