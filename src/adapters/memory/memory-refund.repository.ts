import type { NewRefund, Refund, RefundStatus } from '../../domain/index.js';
import type { RefundChange, RefundRepository } from '../../application/index.js';
import { claimLease, leaseFree } from './leases.js';
import type { MemoryDatabase } from './memory.database.js';

export class MemoryRefundRepository implements RefundRepository {
  constructor(private readonly db: MemoryDatabase) {}

  async create(refund: NewRefund): Promise<boolean> {
    const { refunds } = this.db.state;
    if (refunds.has(refund.outRefundNo)) return false;
    refunds.set(refund.outRefundNo, { ...refund, status: 'REFUNDING', failureReason: null, refundId: null, updatedAt: refund.createdAt });
    return true;
  }

  async chargeToOrder(orderId: number, amount: number): Promise<boolean> {
    const { orders, refundedFees } = this.db.state;
    const order = orders.get(orderId);
    const refunded = refundedFees.get(orderId) ?? 0;
    if (!order || refunded + amount > order.totalPrice) return false;
    refundedFees.set(orderId, refunded + amount);
    return true;
  }

  async unchargeFromOrder(orderId: number, amount: number): Promise<void> {
    const { refundedFees } = this.db.state;
    refundedFees.set(orderId, (refundedFees.get(orderId) ?? 0) - amount);
  }

  async find(outRefundNo: string): Promise<Refund | null> {
    const refund = this.db.state.refunds.get(outRefundNo);
    return refund ? { ...refund } : null;
  }

  async listByOrder(orderId: number): Promise<Refund[]> {
    return [...this.db.state.refunds.values()]
      .filter((refund) => refund.orderId === orderId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((refund) => ({ ...refund }));
  }

  async listByOrders(orderIds: readonly number[]): Promise<Refund[]> {
    const wanted = new Set(orderIds);
    return [...this.db.state.refunds.values()]
      .filter((refund) => wanted.has(refund.orderId))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((refund) => ({ ...refund }));
  }

  async transition(outRefundNo: string, from: RefundStatus, to: RefundStatus, change: RefundChange): Promise<boolean> {
    const { refunds } = this.db.state;
    const refund = refunds.get(outRefundNo);
    if (!refund || refund.status !== from) return false;
    refunds.set(outRefundNo, {
      ...refund,
      status: to,
      failureReason: change.failureReason ?? refund.failureReason,
      refundId: change.refundId ?? refund.refundId,
      updatedAt: change.at,
    });
    return true;
  }

  async findInFlight(now: Date, limit: number): Promise<string[]> {
    const { refunds, refundLeases } = this.db.state;
    return [...refunds.values()]
      .filter((refund) => refund.status === 'REFUNDING')
      .filter((refund) => leaseFree(refundLeases, refund.outRefundNo, now))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .slice(0, limit)
      .map((refund) => refund.outRefundNo);
  }

  async claim(outRefundNo: string, now: Date, until: Date): Promise<boolean> {
    return claimLease(this.db.state.refundLeases, outRefundNo, now, until);
  }
}
