import type { ColumnType, Generated } from 'kysely';
import type { CatalogTables } from './catalog-tables.js';
import type { DeliveryTables } from './delivery-tables.js';

/**
 * Table types. Times are BIGINT milliseconds since the epoch on both dialects (no time zone
 * can shift them); money is integer fen; JSON snapshots are TEXT, parsed at the adapter.
 */
type Millis = number;
type Id = Generated<number>;

export interface UserTable {
  id: Id;
  openid: string;
  create_time: Millis;
}

export interface UserAddressTable {
  id: Id;
  user_id: number;
  name: string;
  mobile: string;
  province: string;
  city: string;
  country: string;
  detail: string;
  update_time: Millis;
}

export interface ThirdAppTable {
  id: Id;
  app_id: string;
  secret_hash: string;
  scope: string;
  description: string;
}

export interface OrderTable {
  id: Id;
  order_no: string;
  user_id: number;
  status: number;
  total_price: number;
  total_count: number;
  snap_img: string;
  snap_name: string;
  /** JSON text; mysql2 may hand back an object for JSON-typed columns, so readers accept both. */
  snap_items: ColumnType<unknown, string, string>;
  snap_address: ColumnType<unknown, string, string>;
  prepay_id: string | null;
  prepay_expires_at: Millis | null;
  transaction_id: string | null;
  paid_at: Millis | null;
  settlement_lease_until: Millis | null;
  /** 1 when the order's stock was deducted as it was placed (on_order), 0 when payment deducts it. */
  stock_reserved: ColumnType<number, number | undefined, number>;
  refunded_fee: Generated<number>;
  create_time: Millis;
  update_time: Millis;
}

export interface OrderProductTable {
  order_id: number;
  product_id: number;
  count: number;
}

export interface PaymentAttemptTable {
  id: Id;
  out_trade_no: string;
  order_id: number;
  prepay_id: string;
  prepay_expires_at: Millis;
  created_at: Millis;
}

export interface PaymentNotificationTable {
  id: Id;
  transaction_id: string;
  out_trade_no: string;
  order_id: number | null;
  total_fee: number;
  outcome: string;
  received_at: Millis;
}

export interface RefundTable {
  id: Id;
  out_refund_no: string;
  order_id: number;
  transaction_id: string;
  total_fee: number;
  refund_fee: number;
  cause: string;
  reason: string;
  status: string;
  failure_reason: string | null;
  refund_id: string | null;
  /** 0 or 1: SQLite and MySQL agree on integers, not on booleans. */
  charged_to_order: number;
  lease_until: Millis | null;
  created_at: Millis;
  updated_at: Millis;
}

/** WeChat Pay v3 platform certificates every instance trusts (kysely-certificate.store.ts). */
export interface WeChatPayCertificatesTable {
  /** The merchant and WeChat host the certificates belong to. */
  store_key: string;
  /** JSON: the CertificateSnapshot. */
  snapshot: string;
  downloaded_at: Millis;
}

export interface StockHoldTable {
  order_id: number;
  product_id: number;
  count: number;
  expires_at: Millis;
}

export interface DB extends CatalogTables, DeliveryTables {
  user: UserTable;
  user_address: UserAddressTable;
  third_app: ThirdAppTable;
  order: OrderTable;
  order_product: OrderProductTable;
  payment_attempt: PaymentAttemptTable;
  payment_notification: PaymentNotificationTable;
  refund: RefundTable;
  stock_hold: StockHoldTable;
  wechat_pay_certificates: WeChatPayCertificatesTable;
}
