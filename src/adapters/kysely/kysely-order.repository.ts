import type { Kysely, Selectable } from 'kysely';
import { type NewOrder, type Order, type OrderLine, type OrderStatus } from '../../domain/index.js';
import type { Clock, OrderFilter, OrderRepository, Page, PaymentAttempt, StatusChange } from '../../application/index.js';
import {
  attemptRow,
  orderRow,
  orderStatements as statements,
  prepaySet,
  toAttempt,
  toOrder,
  transitionSet,
} from './kysely-order.statements.js';
import type { DB, OrderTable } from './schema.js';
import { affectedRows, compiled, insertedId, selectRows } from './compiled-statements.js';
import { batchOf } from './mysql-batch.js';
import { toNumber } from './rows.js';

export class KyselyOrderRepository implements OrderRepository {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  /**
   * On its own on MySQL: begin, the order, its lines and commit in one round trip (mysql-batch.ts),
   * not four. On its own on SQLite: a transaction of its own. In a unit of work: its statements.
   */
  async insert(order: NewOrder): Promise<number> {
    const batch = batchOf(this.db);
    if (batch) {
      const lines = order.lines.length > 0 ? [compiled(this.db, statements.insertLinesOfLast, order.lines)] : [];
      const [inserted] = await batch.transaction([compiled(this.db, statements.insert, orderRow(order)), ...lines]);
      return toNumber(inserted?.insertId);
    }
    if (!this.db.isTransaction) return this.db.transaction().execute((trx) => insertWithLines(trx, order));
    return insertWithLines(this.db, order);
  }

  async findById(id: number): Promise<Order | null> {
    const batch = batchOf(this.db);
    if (batch) {
      // On MySQL the order and its lines in one round trip.
      const [orders, lines] = (await batch.select([compiled(this.db, statements.findById, id), compiled(this.db, statements.linesOf, [id])])) as [
        Selectable<OrderTable>[],
        LineRow[],
      ];
      return orders[0] ? toOrder(orders[0], lines.map(toLine)) : null;
    }
    const [row] = await selectRows(this.db, statements.findById, id);
    if (!row) return null;
    const [order] = await this.withLines([row]);
    return order ?? null;
  }

  listByUser(userId: number, page: Page): Promise<Order[]> {
    return this.page(userId, page);
  }

  listAll(page: Page, { status }: OrderFilter = {}): Promise<Order[]> {
    return this.page(null, page, status);
  }

  async transition(id: number, from: OrderStatus, to: OrderStatus, change: StatusChange = {}): Promise<boolean> {
    // from !== to, so a matched row (what mysql2 counts) is a changed row.
    return (await affectedRows(this.db, statements.transition, id, from, transitionSet(to, change, this.clock.now()))) === 1;
  }

  async touchWhile(id: number, status: OrderStatus): Promise<boolean> {
    return toNumber((await statements.touch(this.db, id, status, this.clock.now().getTime()).executeTakeFirst()).numUpdatedRows) === 1;
  }

  /** All or nothing, as `insert`: on its own on MySQL one round trip, on SQLite a transaction of its own. */
  async addPaymentAttempt(attempt: PaymentAttempt): Promise<void> {
    const batch = batchOf(this.db);
    const set = prepaySet(attempt, this.clock.now());
    if (batch) {
      await batch.transaction([compiled(this.db, statements.insertAttempt, attemptRow(attempt)), compiled(this.db, statements.setPrepay, attempt.orderId, set)]);
      return;
    }
    const add = async (db: Kysely<DB>) => {
      await affectedRows(db, statements.insertAttempt, attemptRow(attempt));
      await affectedRows(db, statements.setPrepay, attempt.orderId, set);
    };
    await (this.db.isTransaction ? add(this.db) : this.db.transaction().execute(add));
  }

  async listPaymentAttempts(orderId: number): Promise<PaymentAttempt[]> {
    const rows = await selectRows(this.db, statements.attemptsOf, orderId);
    return rows.map(toAttempt);
  }

  async findPaymentAttempt(outTradeNo: string): Promise<PaymentAttempt | null> {
    const [row] = await selectRows(this.db, statements.findAttempt, outTradeNo);
    return row ? toAttempt(row) : null;
  }

  private async page(userId: number | null, { page, size }: Page, status?: OrderStatus): Promise<Order[]> {
    return this.withLines(await selectRows(this.db, statements.page, userId, size, (page - 1) * size, status ?? null));
  }

  /** Loads the lines of every order in one query. */
  private async withLines(rows: Selectable<OrderTable>[]): Promise<Order[]> {
    if (rows.length === 0) return [];
    const lineRows = await selectRows(this.db, statements.linesOf, rows.map((row) => toNumber(row.id)));
    const lines = new Map<number, OrderLine[]>();
    for (const line of lineRows) {
      const orderId = toNumber(line.order_id);
      lines.set(orderId, [...(lines.get(orderId) ?? []), toLine(line)]);
    }
    return rows.map((row) => toOrder(row, lines.get(toNumber(row.id)) ?? []));
  }
}

interface LineRow {
  order_id: number;
  product_id: number;
  count: number;
}

function toLine(row: LineRow): OrderLine {
  return { productId: toNumber(row.product_id), count: toNumber(row.count) };
}

async function insertWithLines(db: Kysely<DB>, order: NewOrder): Promise<number> {
  // insertId, not RETURNING: MariaDB accepts RETURNING and silently hands back no rows.
  const id = await insertedId(db, statements.insert, orderRow(order));
  if (order.lines.length > 0) await affectedRows(db, statements.insertLines, id, order.lines);
  return id;
}
