import { OrderStatus } from '../../domain/index.js';
import type { DueOrdersQuery, OrderSettlementQueue } from '../../application/index.js';
import { claimLease, leaseFree } from './leases.js';
import type { MemoryDatabase } from './memory.database.js';

export class MemoryOrderSettlementQueue implements OrderSettlementQueue {
  constructor(private readonly db: MemoryDatabase) {}

  async findDue({ now, createdBefore, attemptBefore, limit }: DueOrdersQuery): Promise<number[]> {
    const { orders, attempts, settlementLeases } = this.db.state;
    const waitingAttempt = new Set(
      [...attempts.values()].filter((attempt) => attempt.createdAt < attemptBefore).map((attempt) => attempt.orderId),
    );
    return [...orders.values()]
      .filter((order) => order.status === OrderStatus.UNPAID)
      .filter((order) => order.createTime < createdBefore || waitingAttempt.has(order.id))
      .filter((order) => leaseFree(settlementLeases, order.id, now))
      .sort((a, b) => a.createTime.getTime() - b.createTime.getTime() || a.id - b.id)
      .slice(0, limit)
      .map((order) => order.id);
  }

  async claim(orderId: number, now: Date, until: Date): Promise<boolean> {
    return claimLease(this.db.state.settlementLeases, orderId, now, until);
  }
}
