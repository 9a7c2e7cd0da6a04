import { OrderStatus } from '../../domain/index.js';
import type { DueOrdersQuery, OrderSettlementQueue } from '../../application/index.js';
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
      .filter((order) => !((settlementLeases.get(order.id)?.getTime() ?? 0) > now.getTime()))
      .sort((a, b) => a.createTime.getTime() - b.createTime.getTime() || a.id - b.id)
      .slice(0, limit)
      .map((order) => order.id);
  }

  async claim(orderId: number, now: Date, until: Date): Promise<boolean> {
    const { settlementLeases } = this.db.state;
    if ((settlementLeases.get(orderId)?.getTime() ?? 0) > now.getTime()) return false;
    settlementLeases.set(orderId, until);
    return true;
  }
}
