import { type Kysely, sql } from 'kysely';
import type { OrderTradeFacts, OrderTradeLog, SettlementFacts } from '../../application/index.js';
import type { DB } from './schema.js';
import { isDuplicateKey, toNullableDate, toNullableNumber, toNumber } from './rows.js';

export class KyselyOrderTradeLog implements OrderTradeLog {
  constructor(private readonly db: Kysely<DB>) {}

  async recordReminder(orderId: number, at: Date): Promise<void> {
    await this.ensureRow(orderId);
    await this.db
      .updateTable('order_trade')
      .set({ reminded_at: at.getTime(), remind_count: sql<number>`remind_count + 1` })
      .where('order_id', '=', orderId)
      .execute();
  }

  async recordSettlement(orderId: number, facts: SettlementFacts): Promise<void> {
    await this.ensureRow(orderId);
    await this.db
      .updateTable('order_trade')
      .set({
        ...(facts.confirmedAt ? { confirmed_at: facts.confirmedAt.getTime() } : {}),
        ...(facts.confirmMethod !== null ? { confirm_method: facts.confirmMethod } : {}),
        ...(facts.settledAt ? { settled_at: facts.settledAt.getTime() } : {}),
      })
      .where('order_id', '=', orderId)
      .execute();
  }

  async listByOrders(orderIds: readonly number[]): Promise<OrderTradeFacts[]> {
    if (orderIds.length === 0) return [];
    const rows = await this.db.selectFrom('order_trade').selectAll().where('order_id', 'in', [...orderIds]).orderBy('order_id').execute();
    return rows.map((row) => ({
      orderId: toNumber(row.order_id),
      remindedAt: toNullableDate(row.reminded_at),
      remindCount: toNumber(row.remind_count),
      confirmedAt: toNullableDate(row.confirmed_at),
      confirmMethod: toNullableNumber(row.confirm_method),
      settledAt: toNullableDate(row.settled_at),
    }));
  }

  private async ensureRow(orderId: number): Promise<void> {
    try {
      await this.db.insertInto('order_trade').values({ order_id: orderId }).execute();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}
