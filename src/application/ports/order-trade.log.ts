/**
 * What WeChat's shipping management told the shop about an order (message push): a reminder that
 * it is still unshipped, and its settlement (the buyer confirmed receipt, the money was released).
 */
export interface OrderTradeFacts {
  readonly orderId: number;
  /** The last `trade_manage_remind_shipping`, and how many arrived. */
  readonly remindedAt: Date | null;
  readonly remindCount: number;
  /** From `trade_manage_order_settlement`. */
  readonly confirmedAt: Date | null;
  /** 1 the buyer confirmed, 2 confirmed automatically (WeChat's `confirm_receive_method`). */
  readonly confirmMethod: number | null;
  readonly settledAt: Date | null;
}

export interface SettlementFacts {
  readonly confirmedAt: Date | null;
  readonly confirmMethod: number | null;
  readonly settledAt: Date | null;
}

export const OrderTradeLog = Symbol('OrderTradeLog');
export interface OrderTradeLog {
  recordReminder(orderId: number, at: Date): Promise<void>;
  /** Records what is known of the settlement; a fact already recorded is kept when the event leaves it out. */
  recordSettlement(orderId: number, facts: SettlementFacts): Promise<void>;
  listByOrders(orderIds: readonly number[]): Promise<OrderTradeFacts[]>;
}
