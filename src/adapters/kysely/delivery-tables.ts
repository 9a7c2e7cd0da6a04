import type { ColumnType, Generated } from 'kysely';

/** The delivery tables (migration 0003); times are BIGINT millis like every other table's. */
type Millis = number;
type Id = Generated<number>;

export interface ShipmentTable {
  id: Id;
  order_id: number;
  seq: number;
  logistics_type: string | null;
  /** JSON text: `[{carrierCode, trackingNo}]`. */
  parcels: ColumnType<unknown, string, string>;
  shipped_at: Millis;
}

export interface OutboxTable {
  id: Id;
  outbox_key: string;
  kind: string;
  order_id: number;
  /** JSON text: the work to send. */
  work: ColumnType<unknown, string, string>;
  status: string;
  tries: Generated<number>;
  error_code: string | null;
  error_message: string | null;
  not_before: Millis | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface SubscribeConsentTable {
  user_id: number;
  template_id: string;
  remaining: number;
  updated_at: Millis;
}

export interface OrderTradeTable {
  order_id: number;
  reminded_at: Millis | null;
  remind_count: Generated<number>;
  confirmed_at: Millis | null;
  confirm_method: number | null;
  settled_at: Millis | null;
}

export interface WeChatAccessTokenTable {
  app_id: string;
  token: string | null;
  expires_at: Millis | null;
  refresh_at: Millis | null;
  lock_owner: string | null;
  lock_until: Millis | null;
}

/** The delivery tables by name, as `DB` takes them in. */
export interface DeliveryTables {
  shipment: ShipmentTable;
  outbox: OutboxTable;
  subscribe_consent: SubscribeConsentTable;
  order_trade: OrderTradeTable;
  wechat_access_token: WeChatAccessTokenTable;
}
