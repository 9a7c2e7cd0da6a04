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
import { toNumber } from './rows.js';

export class KyselyOrderRepository implements OrderRepository {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async insert(order: NewOrder): Promise<number> {
    // insertId, not RETURNING: MariaDB accepts RETURNING and silently hands back no rows.
    const result = await statements.insert(this.db, orderRow(order)).executeTakeFirstOrThrow();
    const id = toNumber(result.insertId);
    if (order.lines.length > 0) await statements.insertLines(this.db, id, order.lines).execute();
    return id;
  }

  async findById(id: number): Promise<Order | null> {
    const row = await statements.findById(this.db, id).executeTakeFirst();
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
    const result = await statements.transition(this.db, id, from, transitionSet(to, change, this.clock.now())).executeTakeFirst();
    // from !== to, so a matched row (what mysql2 counts) is a changed row.
    return toNumber(result.numUpdatedRows) === 1;
  }

  async addPaymentAttempt(attempt: PaymentAttempt): Promise<void> {
    await statements.insertAttempt(this.db, attemptRow(attempt)).execute();
    await statements.setPrepay(this.db, attempt.orderId, prepaySet(attempt, this.clock.now())).execute();
  }

  async listPaymentAttempts(orderId: number): Promise<PaymentAttempt[]> {
    const rows = await statements.attemptsOf(this.db, orderId).execute();
    return rows.map(toAttempt);
  }

  async findPaymentAttempt(outTradeNo: string): Promise<PaymentAttempt | null> {
    const row = await statements.findAttempt(this.db, outTradeNo).executeTakeFirst();
    return row ? toAttempt(row) : null;
  }

  private async page(userId: number | null, { page, size }: Page, status?: OrderStatus): Promise<Order[]> {
    return this.withLines(await statements.page(this.db, userId, size, (page - 1) * size, status ?? null).execute());
  }

  /** Loads the lines of every order in one query. */
  private async withLines(rows: Selectable<OrderTable>[]): Promise<Order[]> {
    if (rows.length === 0) return [];
    const lineRows = await statements.linesOf(this.db, rows.map((row) => toNumber(row.id))).execute();
    const lines = new Map<number, OrderLine[]>();
    for (const line of lineRows) {
      const orderId = toNumber(line.order_id);
      lines.set(orderId, [...(lines.get(orderId) ?? []), { productId: toNumber(line.product_id), count: toNumber(line.count) }]);
    }
    return rows.map((row) => toOrder(row, lines.get(toNumber(row.id)) ?? []));
  }
}
