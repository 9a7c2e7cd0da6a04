import { type NewOrder, type Order, type OrderStatus } from '../../domain/index.js';
import type { Clock, OrderFilter, OrderRepository, Page, PaymentAttempt, StatusChange } from '../../application/index.js';
import type { MemoryDatabase } from './memory.database.js';

export class MemoryOrderRepository implements OrderRepository {
  constructor(
    private readonly db: MemoryDatabase,
    private readonly clock: Clock,
  ) {}

  async insert(order: NewOrder): Promise<number> {
    const { state } = this.db;
    if ([...state.orders.values()].some((existing) => existing.orderNo === order.orderNo)) {
      throw new Error(`duplicate order_no ${order.orderNo}`);
    }
    const id = state.nextId.order++;
    state.orders.set(id, { ...structuredClone(order), id, prepayId: null, prepayExpiresAt: null, transactionId: null, paidAt: null });
    state.rowTimes.orderUpdated.set(id, new Date(order.createTime));
    return id;
  }

  async findById(id: number): Promise<Order | null> {
    const order = this.db.state.orders.get(id);
    return order ? structuredClone(order) : null;
  }

  async listByUser(userId: number, page: Page): Promise<Order[]> {
    return this.page(userId, page);
  }

  async listAll(page: Page, { status }: OrderFilter = {}): Promise<Order[]> {
    return this.page(null, page, status);
  }

  async transition(id: number, from: OrderStatus, to: OrderStatus, change: StatusChange = {}): Promise<boolean> {
    const order = this.db.state.orders.get(id);
    if (!order || order.status !== from) return false;
    this.db.state.orders.set(id, {
      ...order,
      status: to,
      transactionId: change.transactionId ?? order.transactionId,
      paidAt: change.paidAt ?? order.paidAt,
    });
    this.db.state.rowTimes.orderUpdated.set(id, this.clock.now());
    return true;
  }

  async touchWhile(id: number, status: OrderStatus): Promise<boolean> {
    if (this.db.state.orders.get(id)?.status !== status) return false;
    this.db.state.rowTimes.orderUpdated.set(id, this.clock.now());
    return true;
  }

  async addPaymentAttempt(attempt: PaymentAttempt): Promise<void> {
    const { state } = this.db;
    if (state.attempts.has(attempt.outTradeNo)) throw new Error(`duplicate out_trade_no ${attempt.outTradeNo}`);
    state.attempts.set(attempt.outTradeNo, { ...attempt });
    const order = state.orders.get(attempt.orderId);
    if (order) {
      state.orders.set(order.id, { ...order, prepayId: attempt.prepayId, prepayExpiresAt: attempt.prepayExpiresAt });
      state.rowTimes.orderUpdated.set(order.id, this.clock.now());
    }
  }

  async listPaymentAttempts(orderId: number): Promise<PaymentAttempt[]> {
    return [...this.db.state.attempts.values()]
      .filter((attempt) => attempt.orderId === orderId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }

  async findPaymentAttempt(outTradeNo: string): Promise<PaymentAttempt | null> {
    return this.db.state.attempts.get(outTradeNo) ?? null;
  }

  /** Newest first; one user's orders, or everyone's when `userId` is null. */
  private page(userId: number | null, { page, size }: Page, status?: OrderStatus): Order[] {
    return [...this.db.state.orders.values()]
      .filter((order) => (userId === null || order.userId === userId) && (status === undefined || order.status === status))
      .sort((a, b) => b.createTime.getTime() - a.createTime.getTime() || b.id - a.id)
      .slice((page - 1) * size, page * size)
      .map((order) => structuredClone(order));
  }
}
