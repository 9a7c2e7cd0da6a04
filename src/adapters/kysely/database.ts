import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { type ColumnType, type Generated, Kysely, MysqlDialect, SqliteDialect } from 'kysely';
import { createPool } from 'mysql2';

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

export interface ImageTable {
  id: Id;
  url: string;
  /** 1: served by this shop, 2: a remote address (zerg's meaning). */
  from: number;
}

export interface CategoryTable {
  id: Id;
  name: string;
  description: string;
  topic_img_id: number | null;
}

export interface ProductTable {
  id: Id;
  name: string;
  price: number;
  stock: number;
  category_id: number;
  main_img_url: string;
  from: number;
  summary: string;
  img_id: number | null;
  delete_time: Millis | null;
  create_time: Millis;
}

export interface ProductImageTable {
  id: Id;
  product_id: number;
  img_id: number;
  display_order: number;
}

export interface ProductPropertyTable {
  id: Id;
  product_id: number;
  name: string;
  detail: string;
}

export interface ThemeTable {
  id: Id;
  name: string;
  description: string;
  topic_img_id: number | null;
  head_img_id: number | null;
}

export interface ThemeProductTable {
  theme_id: number;
  product_id: number;
  display_order: number;
}

export interface BannerTable {
  id: Id;
  name: string;
  description: string;
}

export interface BannerItemTable {
  id: Id;
  banner_id: number;
  img_id: number;
  key_word: string;
  type: number;
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

export interface DB {
  user: UserTable;
  user_address: UserAddressTable;
  image: ImageTable;
  category: CategoryTable;
  product: ProductTable;
  product_image: ProductImageTable;
  product_property: ProductPropertyTable;
  theme: ThemeTable;
  theme_product: ThemeProductTable;
  banner: BannerTable;
  banner_item: BannerItemTable;
  third_app: ThirdAppTable;
  order: OrderTable;
  order_product: OrderProductTable;
  payment_attempt: PaymentAttemptTable;
  payment_notification: PaymentNotificationTable;
  refund: RefundTable;
}

export type Dialect = 'sqlite' | 'mysql';

export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** MySQL pool size; SQLite always has one connection, its transactions run one at a time. */
  readonly poolSize?: number;
}

/** `mysql://user:pass@host:port/name` opens a MySQL pool; anything else is a SQLite file or `:memory:`. */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  return url.startsWith('mysql://') ? openMysql(url, options) : openSqlite(url);
}

function openMysql(url: string, options: OpenOptions): Database {
  const parsed = new URL(url);
  const pool = createPool({
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
    connectionLimit: options.poolSize ?? Number(parsed.searchParams.get('pool') ?? 20),
    charset: 'utf8mb4',
    // BIGINT millis and fen come back as JS numbers (they are far below 2^53); no DECIMAL strings.
    supportBigNumbers: true,
    bigNumberStrings: false,
    dateStrings: false,
    timezone: '+00:00',
  });
  const db = new Kysely<DB>({ dialect: new MysqlDialect({ pool }) });
  return { db, dialect: 'mysql', close: () => db.destroy() };
}

function openSqlite(path: string): Database {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  cachePreparedStatements(sqlite, 500);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/**
 * Kysely prepares every statement anew; preparing is a good part of a small query's cost on
 * SQLite. The same SQL text gets the same prepared statement (the connection is single-threaded
 * and nothing here iterates a statement lazily), the least recently used dropped past `limit`.
 */
function cachePreparedStatements(sqlite: SqliteDatabase.Database, limit: number): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const statements = new Map<string, SqliteDatabase.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = statements.get(source);
    if (statement) statements.delete(source);
    else statement = prepare(source);
    statements.set(source, statement);
    if (statements.size > limit) statements.delete(statements.keys().next().value as string);
    return statement;
  }) as typeof sqlite.prepare;
}
