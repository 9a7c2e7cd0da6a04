import { randomInt } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import { createPool as createCallbackPool } from 'mysql2';
import { type Pool, type PoolConnection, type ResultSetHeader, createPool } from 'mysql2/promise';
import {
  SQLITE_PRAGMAS,
  addressStatements,
  attemptRow,
  mysqlBatch,
  mysqlPoolOptions,
  notificationRow,
  notificationStatements,
  orderRow,
  orderStatements,
  prepaySet,
  stockStatements,
  toProduct,
  transitionSet,
  userStatements,
} from '../../src/adapters/kysely/index.js';
import { type Address, type NewOrder, OrderStatus, checkStock, takeSnapshot } from '../../src/domain/index.js';
import { type CompiledStatement, StatementCompiler } from './compiled-statements.js';
import { type LoadResult, runLoad } from './load.js';
import type { Latencies } from './stats.js';

/**
 * The floor: the statements a place-order issues, in the shop's order and shape, with no HTTP,
 * no validation, no token and no container. The SQL is the adapters' own: their statement
 * builders (src/adapters/kysely: stockStatements.findProducts, addressStatements.findByUser,
 * orderStatements.insert and its lines in a transaction: on MySQL begin, both inserts and commit in
 * one round trip as KyselyOrderRepository.insert sends them) compiled by Kysely for the bare driver.
 */
const onMysql = new StatementCompiler('mysql');
const onSqlite = new StatementCompiler('sqlite');

export interface FloorOrder {
  readonly uid: number;
  readonly productIds: readonly number[];
}

type ProductRow = Parameters<typeof toProduct>[0];

/** The order PlaceOrder would write for these rows: one of each product, its snapshot taken by the domain. */
function newOrder(order: FloorOrder, rows: ProductRow[], address: Address): NewOrder {
  const lines = order.productIds.map((productId) => ({ productId, count: 1 }));
  const snapshot = takeSnapshot(checkStock(lines, rows.map(toProduct)), address);
  const createTime = new Date();
  return {
    orderNo: `F${createTime.getTime()}${String(randomInt(0, 1e9)).padStart(9, '0')}`,
    userId: order.uid,
    status: OrderStatus.UNPAID,
    totalPrice: snapshot.orderPrice,
    totalCount: snapshot.totalCount,
    stockReserved: false,
    snapName: snapshot.snapName,
    snapImg: snapshot.snapImg,
    snapItems: snapshot.pStatusArray,
    snapAddress: snapshot.snapAddress,
    lines,
    createTime,
  };
}

/** The floor on MySQL: a mysql2 pool of `poolSize`, `concurrency` loops, for `durationMs`. */
export async function mysqlFloor(
  mysqlUrl: string,
  options: { concurrency: number; poolSize: number; durationMs: number; latencies: Latencies },
  orderFor: (worker: number, index: number) => FloorOrder,
): Promise<LoadResult> {
  const pools = floorPools(mysqlUrl, options.poolSize);
  const { latencies } = options;
  try {
    const result = await runLoad({ concurrency: options.concurrency, durationMs: options.durationMs }, (worker, index) =>
      latencies.time(() => placeOnMysql(pools, orderFor(worker, index))),
    );
    return result;
  } finally {
    await pools.end();
  }
}

/** The floor's pools, as the shop opens them: one for statements, one for one-round-trip transactions (`multipleStatements`). */
interface FloorPools {
  readonly pool: Pool;
  readonly batch: ReturnType<typeof mysqlBatch>;
  end(): Promise<void>;
}

function floorPools(mysqlUrl: string, poolSize: number): FloorPools {
  const options = mysqlPoolOptions(mysqlUrl, poolSize);
  const pool = createPool(options);
  const batchPool = createCallbackPool({ ...options, multipleStatements: true });
  return {
    pool,
    batch: mysqlBatch(batchPool),
    async end() {
      await pool.end();
      await new Promise<void>((resolve) => batchPool.end(() => resolve()));
    },
  };
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

async function query<T>(on: Pool | PoolConnection, { sql, parameters }: CompiledStatement): Promise<T[]> {
  const [rows] = await on.query(sql, parameters);
  return rows as T[];
}

async function change(on: Pool | PoolConnection, { sql, parameters }: CompiledStatement): Promise<ResultSetHeader> {
  const [result] = await on.query(sql, parameters);
  return result as ResultSetHeader;
}

/** As PlaceOrder under on_payment: the two reads, then the order and its lines in one round trip (KyselyOrderRepository.insert). */
async function placeOnMysql({ pool, batch }: FloorPools, order: FloorOrder): Promise<{ orderId: number; orderNo: string; totalPrice: number }> {
  const products = await query<ProductRow>(pool, onMysql.compile(stockStatements.findProducts, order.productIds, Date.now()));
  const [address] = await query<Address>(pool, onMysql.compile(addressStatements.findByUser, order.uid));
  if (!address) throw new Error(`user ${order.uid} has no address`);
  const placed = newOrder(order, products, address);
  const [inserted] = await batch.transaction([
    onMysql.compile(orderStatements.insert, orderRow(placed)),
    onMysql.compile(orderStatements.insertLinesOfLast, placed.lines),
  ]);
  return { orderId: inserted!.insertId, orderNo: placed.orderNo, totalPrice: placed.totalPrice };
}

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
  const pools = floorPools(mysqlUrl, options.poolSize);
  const { pool } = pools;
  const { latencies } = options;
  // The order and its lines in one round trip, as KyselyOrderRepository.findById reads them on MySQL.
  const loadOrder = (id: number) => pools.batch.select([onMysql.compile(orderStatements.findById, id), onMysql.compile(orderStatements.linesOf, [id])]);
  try {
    const result = await runLoad({ concurrency: options.concurrency, durationMs: options.durationMs }, (worker, index) =>
      latencies.time(async () => {
        const order = orderFor(worker, index);
        const { orderId, orderNo, totalPrice } = await placeOnMysql(pools, order);
        // pre_order
        await loadOrder(orderId);
        await query(pool, onMysql.compile(stockStatements.findProducts, order.productIds, Date.now()));
        await query(pool, onMysql.compile(orderStatements.attemptsOf, orderId));
        await query(pool, onMysql.compile(userStatements.findById, order.uid));
        const now = new Date();
        const attempt = { orderId, outTradeNo: orderNo, prepayId: `wx${now.getTime()}${orderId}`, prepayExpiresAt: new Date(now.getTime() + 7_200_000), createdAt: now };
        // In one round trip, as KyselyOrderRepository.addPaymentAttempt sends them on MySQL.
        await pools.batch.transaction([
          onMysql.compile(orderStatements.insertAttempt, attemptRow(attempt)),
          onMysql.compile(orderStatements.setPrepay, orderId, prepaySet(attempt, now)),
        ]);
        // the notification
        await query(pool, onMysql.compile(orderStatements.findAttempt, orderNo));
        await loadOrder(orderId);
        const transactionId = `4200${now.getTime()}${orderId}`;
        await inTransaction(pool, async (connection) => {
          const paid = transitionSet(OrderStatus.PAID, { transactionId, paidAt: now }, new Date());
          const moved = await change(connection, onMysql.compile(orderStatements.transition, orderId, OrderStatus.UNPAID, paid));
          if (moved.affectedRows !== 1) throw new Error(`order ${orderId} did not move to PAID`);
          for (const productId of [...order.productIds].sort((a, b) => a - b)) {
            await change(connection, onMysql.compile(stockStatements.decrement, productId, 1));
          }
          const record = notificationRow({ transactionId, outTradeNo: orderNo, orderId, totalFee: totalPrice, outcome: 'PAID', receivedAt: now });
          await change(connection, onMysql.compile(notificationStatements.record, record));
        });
      }),
    );
    return result;
  } finally {
    await pools.end();
  }
}

/**
 * The floor on SQLite with the embedded configuration's pragmas. better-sqlite3 is synchronous
 * and SQLite has one writer, so one tight loop is all the concurrency it has.
 */
export function sqliteFloor(path: string, durationMs: number, latencies: Latencies, orderFor: (index: number) => FloorOrder): LoadResult {
  const sqlite = new SqliteDatabase(path);
  for (const pragma of SQLITE_PRAGMAS) sqlite.pragma(pragma);
  const statements = new Map<string, SqliteDatabase.Statement>();
  const prepared = (text: string) => {
    let statement = statements.get(text);
    if (!statement) statements.set(text, (statement = sqlite.prepare(text)));
    return statement;
  };
  const run = ({ sql, parameters }: CompiledStatement) => prepared(sql).run(...parameters);
  const all = <T>({ sql, parameters }: CompiledStatement) => prepared(sql).all(...parameters) as T[];
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
        const products = all<ProductRow>(onSqlite.compile(stockStatements.findProducts, order.productIds, Date.now()));
        const [address] = all<Address>(onSqlite.compile(addressStatements.findByUser, order.uid));
        if (!address) throw new Error(`user ${order.uid} has no address`);
        const placed = newOrder(order, products, address);
        prepared('begin').run();
        try {
          const orderId = Number(run(onSqlite.compile(orderStatements.insert, orderRow(placed))).lastInsertRowid);
          run(onSqlite.compile(orderStatements.insertLines, orderId, placed.lines));
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
