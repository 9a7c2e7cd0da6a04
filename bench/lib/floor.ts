import { randomInt } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import { type Pool, type PoolConnection, type ResultSetHeader, createPool } from 'mysql2/promise';
import { databaseName } from './bench-db.js';
import { type LoadResult, runLoad } from './load.js';
import type { Latencies } from './stats.js';

/**
 * The floor: the statements a place-order issues, in the shop's order and shape, with no HTTP,
 * no validation, no token and no container. Text follows what Kysely compiles for the adapters
 * (src/adapters/kysely: KyselyStockGateway.findProducts, KyselyAddressBook.findByUser,
 * KyselyUnitOfWork.run, KyselyOrderRepository.insert).
 */
const FIND_PRODUCTS = (ids: number, q: string) =>
  `select ${q}id${q}, ${q}name${q}, ${q}price${q}, ${q}stock${q}, ${q}main_img_url${q} from ${q}product${q} where ${q}id${q} in (${Array(ids).fill('?').join(', ')}) and ${q}delete_time${q} is null order by ${q}id${q}`;
const FIND_ADDRESS = (q: string) =>
  `select ${q}name${q}, ${q}mobile${q}, ${q}province${q}, ${q}city${q}, ${q}country${q}, ${q}detail${q} from ${q}user_address${q} where ${q}user_id${q} = ?`;
const INSERT_ORDER = (q: string) =>
  `insert into ${q}order${q} (${['order_no', 'user_id', 'status', 'total_price', 'total_count', 'snap_img', 'snap_name', 'snap_items', 'snap_address', 'create_time', 'update_time'].map((c) => q + c + q).join(', ')}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_LINES = (lines: number, q: string) =>
  `insert into ${q}order_product${q} (${q}order_id${q}, ${q}product_id${q}, ${q}count${q}) values ${Array(lines).fill('(?, ?, ?)').join(', ')}`;

export interface FloorOrder {
  readonly uid: number;
  readonly productIds: readonly number[];
}

interface ProductRow {
  id: number;
  name: string;
  price: number;
  stock: number;
  main_img_url: string;
}

/** Same values the use case stores: the zerg line statuses and the address, as JSON text. */
function orderValues(order: FloorOrder, products: ProductRow[], address: Record<string, unknown>) {
  const items = products.map((p) => ({
    id: p.id,
    haveStock: p.stock >= 1,
    counts: 1,
    price: p.price,
    name: p.name,
    totalPrice: p.price,
    main_img_url: p.main_img_url,
  }));
  const now = Date.now();
  const first = products[0]!;
  return [
    `F${now}${String(randomInt(0, 1e9)).padStart(9, '0')}`,
    order.uid,
    1,
    items.reduce((sum, item) => sum + item.totalPrice, 0),
    items.length,
    first.main_img_url,
    products.length > 1 ? `${first.name}等` : first.name,
    JSON.stringify(items),
    JSON.stringify(address),
    now,
    now,
  ];
}

/** The floor on MySQL: a mysql2 pool of `poolSize`, `concurrency` loops, for `durationMs`. */
export async function mysqlFloor(
  mysqlUrl: string,
  options: { concurrency: number; poolSize: number; durationMs: number; latencies: Latencies },
  orderFor: (worker: number, index: number) => FloorOrder,
): Promise<LoadResult> {
  const pool = floorPool(mysqlUrl, options.poolSize);
  const { latencies } = options;
  try {
    const result = await runLoad({ concurrency: options.concurrency, durationMs: options.durationMs }, (worker, index) =>
      latencies.time(() => placeOnMysql(pool, orderFor(worker, index))),
    );
    return result;
  } finally {
    await pool.end();
  }
}

function floorPool(mysqlUrl: string, poolSize: number): Pool {
  const url = new URL(mysqlUrl);
  return createPool({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: databaseName(mysqlUrl),
    connectionLimit: poolSize,
    charset: 'utf8mb4',
    supportBigNumbers: true,
    bigNumberStrings: false,
  });
}

/** Runs `work` between begin and commit on one pooled connection, as Kysely's transaction does. */
async function inTransaction<T>(pool: Pool, work: (connection: PoolConnection) => Promise<T>): Promise<T> {
  const connection = await pool.getConnection();
  try {
    await connection.query('begin');
    const result = await work(connection);
    await connection.query('commit');
    return result;
  } catch (error) {
    await connection.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}

async function placeOnMysql(pool: Pool, order: FloorOrder): Promise<{ orderId: number; orderNo: string; totalPrice: number }> {
  const [products] = await pool.query(FIND_PRODUCTS(order.productIds.length, '`'), [...order.productIds]);
  const [addresses] = await pool.query(FIND_ADDRESS('`'), [order.uid]);
  const address = (addresses as Record<string, unknown>[])[0];
  if (!address) throw new Error(`user ${order.uid} has no address`);
  const values = orderValues(order, products as ProductRow[], address);
  const orderId = await inTransaction(pool, async (connection) => {
    const [inserted] = await connection.query(INSERT_ORDER('`'), values);
    const id = (inserted as ResultSetHeader).insertId;
    await connection.query(INSERT_LINES(order.productIds.length, '`'), order.productIds.flatMap((productId) => [id, productId, 1]));
    return id;
  });
  return { orderId, orderNo: values[0] as string, totalPrice: values[3] as number };
}

const SELECT_ORDER = 'select * from `order` where `id` = ?';
const SELECT_LINES = 'select `order_id`, `product_id`, `count` from `order_product` where `order_id` in (?) order by `order_id`, `product_id`';
const SELECT_ATTEMPTS = 'select * from `payment_attempt` where `order_id` = ? order by `created_at` desc, `id` desc';
const SELECT_USER = 'select `id`, `openid` from `user` where `id` = ?';
const INSERT_ATTEMPT = 'insert into `payment_attempt` (`out_trade_no`, `order_id`, `prepay_id`, `prepay_expires_at`, `created_at`) values (?, ?, ?, ?, ?)';
const SET_PREPAY = 'update `order` set `prepay_id` = ?, `prepay_expires_at` = ?, `update_time` = ? where `id` = ?';
const FIND_ATTEMPT = 'select * from `payment_attempt` where `out_trade_no` = ?';
const TRANSITION = 'update `order` set `status` = ?, `update_time` = ?, `transaction_id` = ?, `paid_at` = ? where `id` = ? and `status` = ?';
const DECREMENT = 'update `product` set `stock` = stock - ? where `id` = ? and `stock` >= ?';
const RECORD_NOTIFICATION = 'insert into `payment_notification` (`transaction_id`, `out_trade_no`, `order_id`, `total_fee`, `outcome`, `received_at`) values (?, ?, ?, ?, ?, ?)';

/**
 * The floor of the whole flow: place-order's statements, then pre_order's (order and lines,
 * products, attempts, user; attempt and prepay id in a transaction) and the notification's
 * (attempt, order and lines; status change, stock decrements, notification record in a
 * transaction). No WeChat call, no HTTP.
 */
export async function mysqlFlowFloor(
  mysqlUrl: string,
  options: { concurrency: number; poolSize: number; durationMs: number; latencies: Latencies },
  orderFor: (worker: number, index: number) => FloorOrder,
): Promise<LoadResult> {
  const pool = floorPool(mysqlUrl, options.poolSize);
  const { latencies } = options;
  const loadOrder = async (id: number) => {
    await pool.query(SELECT_ORDER, [id]);
    await pool.query(SELECT_LINES, [[id]]);
  };
  try {
    const result = await runLoad({ concurrency: options.concurrency, durationMs: options.durationMs }, (worker, index) =>
      latencies.time(async () => {
        const order = orderFor(worker, index);
        const { orderId, orderNo, totalPrice } = await placeOnMysql(pool, order);
        // pre_order
        await loadOrder(orderId);
        await pool.query(FIND_PRODUCTS(order.productIds.length, '`'), [...order.productIds]);
        await pool.query(SELECT_ATTEMPTS, [orderId]);
        await pool.query(SELECT_USER, [order.uid]);
        const now = Date.now();
        const prepayId = `wx${now}${orderId}`;
        await inTransaction(pool, async (connection) => {
          await connection.query(INSERT_ATTEMPT, [orderNo, orderId, prepayId, now + 7_200_000, now]);
          await connection.query(SET_PREPAY, [prepayId, now + 7_200_000, now, orderId]);
        });
        // the notification
        await pool.query(FIND_ATTEMPT, [orderNo]);
        await loadOrder(orderId);
        const transactionId = `4200${now}${orderId}`;
        await inTransaction(pool, async (connection) => {
          const [moved] = await connection.query(TRANSITION, [2, Date.now(), transactionId, now, orderId, 1]);
          if ((moved as ResultSetHeader).affectedRows !== 1) throw new Error(`order ${orderId} did not move to PAID`);
          for (const productId of [...order.productIds].sort((a, b) => a - b)) {
            await connection.query(DECREMENT, [1, productId, 1]);
          }
          await connection.query(RECORD_NOTIFICATION, [transactionId, orderNo, orderId, totalPrice, 'PAID', now]);
        });
      }),
    );
    return result;
  } finally {
    await pool.end();
  }
}

/**
 * The floor on SQLite with the embedded configuration's pragmas. better-sqlite3 is synchronous
 * and SQLite has one writer, so one tight loop is all the concurrency it has.
 */
export function sqliteFloor(path: string, durationMs: number, latencies: Latencies, orderFor: (index: number) => FloorOrder): LoadResult {
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  const statements = new Map<string, SqliteDatabase.Statement>();
  const prepared = (text: string) => {
    let statement = statements.get(text);
    if (!statement) statements.set(text, (statement = sqlite.prepare(text)));
    return statement;
  };
  let completed = 0;
  let errors = 0;
  let firstError: string | undefined;
  const begin = performance.now();
  const deadline = Date.now() + durationMs;
  try {
    for (let index = 0; Date.now() < deadline; index++) {
      const order = orderFor(index);
      const start = performance.now();
      try {
        const products = prepared(FIND_PRODUCTS(order.productIds.length, '"')).all(...order.productIds) as ProductRow[];
        const address = prepared(FIND_ADDRESS('"')).get(order.uid) as Record<string, unknown> | undefined;
        if (!address) throw new Error(`user ${order.uid} has no address`);
        const values = orderValues(order, products, address);
        prepared('begin').run();
        try {
          const orderId = Number(prepared(INSERT_ORDER('"')).run(...values).lastInsertRowid);
          prepared(INSERT_LINES(order.productIds.length, '"')).run(...order.productIds.flatMap((id) => [orderId, id, 1]));
          prepared('commit').run();
        } catch (error) {
          if (sqlite.inTransaction) prepared('rollback').run();
          throw error;
        }
        latencies.record(performance.now() - start);
        completed++;
      } catch (error) {
        latencies.fail();
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  } finally {
    sqlite.close();
  }
  const elapsedMs = performance.now() - begin;
  return {
    completed,
    errors,
    elapsedMs,
    perSecond: (completed * 1000) / elapsedMs,
    ...(firstError ? { firstError } : {}),
  };
}
