import type { OrderTradeFacts, OrderTradeLog, SettlementFacts } from '../../application/index.js';
import type { MemoryDatabase } from './memory.database.js';

export class MemoryOrderTradeLog implements OrderTradeLog {
  constructor(private readonly db: MemoryDatabase) {}

  async recordReminder(orderId: number, at: Date): Promise<void> {
    const facts = this.factsOf(orderId);
    this.db.state.tradeFacts.set(orderId, { ...facts, remindedAt: at, remindCount: facts.remindCount + 1 });
  }

  async recordSettlement(orderId: number, settlement: SettlementFacts): Promise<void> {
    const facts = this.factsOf(orderId);
    this.db.state.tradeFacts.set(orderId, {
      ...facts,
      confirmedAt: settlement.confirmedAt ?? facts.confirmedAt,
      confirmMethod: settlement.confirmMethod ?? facts.confirmMethod,
      settledAt: settlement.settledAt ?? facts.settledAt,
    });
  }

  async listByOrders(orderIds: readonly number[]): Promise<OrderTradeFacts[]> {
    return orderIds.flatMap((id) => {
      const facts = this.db.state.tradeFacts.get(id);
      return facts ? [structuredClone(facts)] : [];
    });
  }

  private factsOf(orderId: number): OrderTradeFacts {
    return this.db.state.tradeFacts.get(orderId) ?? { orderId, remindedAt: null, remindCount: 0, confirmedAt: null, confirmMethod: null, settledAt: null };
  }
}
