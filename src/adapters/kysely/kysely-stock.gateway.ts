import { type Compilable, type Kysely, sql } from 'kysely';
import type { OrderLine, Product } from '../../domain/index.js';
import type { Clock, Deduction, StockGateway } from '../../application/index.js';
import type { DB } from './schema.js';
import { affectedRows, selectRows } from './compiled-statements.js';
import { isDuplicateKey, toNumber } from './rows.js';

/** The SQL of KyselyStockGateway as builders; the benchmark's floor compiles the same ones. */
export const stockStatements = {
  /** `stock` is what live holds (other than `heldBy`'s) leave free; a product nobody holds skips the holds entirely. */
  findProducts: (db: Kysely<DB>, ids: readonly number[], now: number, heldBy?: number) =>
    db
      .selectFrom('product')
      .select(['id', 'name', 'price', 'main_img_url'])
      .select((eb) =>
        sql<number>`${eb.ref('stock')} - case when ${eb.ref('held')} = 0 then 0 else coalesce((${eb
          .selectFrom('stock_hold')
          .select((hold) => hold.fn.sum<number>('count').as('live'))
          .whereRef('stock_hold.product_id', '=', 'product.id')
          .where('stock_hold.expires_at', '>', now)
          .$if(heldBy !== undefined, (holds) => holds.where('stock_hold.order_id', '!=', heldBy!))}), 0) end`.as('stock'),
      )
      .where('id', 'in', [...ids])
      .where('delete_time', 'is', null)
      .orderBy('id'),
  /** The conditional decrement: it touches the row only while the units nobody holds cover the count. */
  decrement: (db: Kysely<DB>, productId: number, count: number) =>
    db
      .updateTable('product')
      .set({ stock: sql<number>`stock - ${count}` })
      .where('id', '=', productId)
      .where(sql<number>`stock - held`, '>=', count),
  /** The admission: a hold is taken only while the units nobody holds cover it. */
  holdMore: (db: Kysely<DB>, productId: number, count: number) =>
    db
      .updateTable('product')
      .set({ held: sql<number>`held + ${count}` })
      .where('id', '=', productId)
      .where(sql<number>`stock - held`, '>=', count),
};

export function toProduct(row: { id: number; name: string; price: number; stock: number; main_img_url: string }): Product {
  return { id: toNumber(row.id), name: row.name, price: toNumber(row.price), stock: toNumber(row.stock), mainImgUrl: row.main_img_url };
}

/**
 * Every path touches hold rows before product rows (lapsed holds are released before the product's
 * conditional write, never after it refused), and product rows in product-id order, so two
 * transactions never wait on each other in a cycle on one node. Every change to a hold row also
 * writes its product row, so on a Galera cluster two nodes changing the same holds conflict at
 * commit on that row: one of them is rolled back, never both applied.
 */
export class KyselyStockGateway implements StockGateway {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async findProducts(ids: readonly number[], heldBy?: number): Promise<Product[]> {
    if (ids.length === 0) return [];
    const rows = await selectRows(this.db, stockStatements.findProducts, ids, this.clock.now().getTime(), heldBy);
    return rows.map(toProduct);
  }

  /** A short line gives back what this call took, so the caller's transaction is left as it found it even if it commits. */
  async deductAll(lines: readonly OrderLine[]): Promise<Deduction> {
    const result = await this.eachUntilShort(lines, (line) => this.freed(line.productId, () => this.conditional(stockStatements.decrement, line)));
    if (!result.ok) await this.release(result.done);
    return result.ok ? { ok: true } : { ok: false, shortProductIds: result.shortProductIds };
  }

  async release(lines: readonly OrderLine[]): Promise<void> {
    for (const line of byProduct(lines)) await this.addTo(line.productId, { stock: line.count });
  }

  async hold(orderId: number, lines: readonly OrderLine[], until: Date): Promise<Deduction> {
    const existing = await this.db.selectFrom('stock_hold').select('product_id').where('order_id', '=', orderId).limit(1).executeTakeFirst();
    if (existing) return { ok: true };
    try {
      const rows = byProduct(lines).map((line) => ({ order_id: orderId, product_id: line.productId, count: line.count, expires_at: until.getTime() }));
      await this.db.insertInto('stock_hold').values(rows).execute();
    } catch (error) {
      // The same order's other pre_order holds it already: its hold is this one's.
      if (isDuplicateKey(error)) return { ok: true };
      throw error;
    }
    const result = await this.eachUntilShort(lines, (line) => this.freed(line.productId, () => this.conditional(stockStatements.holdMore, line)), orderId);
    if (result.ok) return { ok: true };
    await this.db.deleteFrom('stock_hold').where('order_id', '=', orderId).execute();
    for (const line of result.done) await this.addTo(line.productId, { held: -line.count });
    return { ok: false, shortProductIds: result.shortProductIds };
  }

  async releaseHolds(orderId: number, lines: readonly OrderLine[]): Promise<void> {
    await this.endHolds(orderId, lines);
  }

  async deductPaid(orderId: number, lines: readonly OrderLine[]): Promise<Deduction> {
    const held = new Set((await this.endHolds(orderId, lines)).map((line) => line.productId));
    const result = await this.eachUntilShort(lines, (line) =>
      held.has(line.productId)
        ? // Its units were its own: they are taken while the stock covers them, held by others or not.
          this.change(this.db.updateTable('product').set({ stock: sql<number>`stock - ${line.count}` }).where('id', '=', line.productId).where('stock', '>=', line.count))
        : this.freed(line.productId, () => this.conditional(stockStatements.decrement, line)),
    );
    if (result.ok) return { ok: true };
    await this.release(result.done);
    return { ok: false, shortProductIds: result.shortProductIds };
  }

  /**
   * Runs `step` on each line in product-id order until one is short; the lines after it are only
   * checked, to name every short line in the answer.
   */
  private async eachUntilShort(lines: readonly OrderLine[], step: (line: OrderLine) => Promise<boolean>, heldBy?: number) {
    const done: OrderLine[] = [];
    const shortProductIds: number[] = [];
    for (const line of byProduct(lines)) {
      if (shortProductIds.length > 0) {
        if (!(await this.hasFree(line, heldBy))) shortProductIds.push(line.productId);
      } else if (await step(line)) done.push(line);
      else shortProductIds.push(line.productId);
    }
    return shortProductIds.length === 0 ? { ok: true as const, done } : { ok: false as const, done, shortProductIds };
  }

  /** Releases the product's lapsed holds, then tries `write`: a refused write would keep the product row locked (see above). */
  private async freed(productId: number, write: () => Promise<boolean>): Promise<boolean> {
    await this.releaseLapsed(productId);
    return write();
  }

  /** Ends the product's lapsed holds; each row is deleted by one transaction only, which alone gives its units back. */
  private async releaseLapsed(productId: number): Promise<boolean> {
    const now = this.clock.now().getTime();
    const lapsed = await this.db
      .selectFrom('stock_hold')
      .select(['order_id', 'count'])
      .where('product_id', '=', productId)
      .where('expires_at', '<=', now)
      .orderBy('order_id')
      .execute();
    let freed = 0;
    for (const row of lapsed) {
      const deleted = await this.db
        .deleteFrom('stock_hold')
        .where('order_id', '=', row.order_id)
        .where('product_id', '=', productId)
        .where('expires_at', '<=', now)
        .executeTakeFirst();
      if (toNumber(deleted.numDeletedRows) === 1) freed += toNumber(row.count);
    }
    if (freed > 0) await this.addTo(productId, { held: -freed });
    return freed > 0;
  }

  /** Ends the order's holds, lapsed or not: the lines whose row this call deleted give their units back to `held`. */
  private async endHolds(orderId: number, lines: readonly OrderLine[]): Promise<OrderLine[]> {
    const ended: OrderLine[] = [];
    for (const line of byProduct(lines)) {
      const deleted = await this.db.deleteFrom('stock_hold').where('order_id', '=', orderId).where('product_id', '=', line.productId).executeTakeFirst();
      if (toNumber(deleted.numDeletedRows) === 1) ended.push(line);
    }
    for (const line of ended) await this.addTo(line.productId, { held: -line.count });
    return ended;
  }

  private async addTo(productId: number, delta: { stock?: number; held?: number }): Promise<void> {
    await this.db
      .updateTable('product')
      .set({
        ...(delta.stock ? { stock: sql<number>`stock + ${delta.stock}` } : {}),
        ...(delta.held ? { held: sql<number>`held + ${delta.held}` } : {}),
      })
      .where('id', '=', productId)
      .execute();
  }

  /** count >= 1 in every conditional write, so a matched row (what mysql2 counts) is a changed row. */
  private async conditional(build: (db: Kysely<DB>, productId: number, count: number) => Compilable<unknown>, line: OrderLine): Promise<boolean> {
    return (await affectedRows(this.db, build, line.productId, line.count)) === 1;
  }

  private async change(update: { executeTakeFirst(): Promise<{ numUpdatedRows: bigint }> }): Promise<boolean> {
    return toNumber((await update.executeTakeFirst()).numUpdatedRows) === 1;
  }

  /** Only to name every short line in the answer: live holds count (not `heldBy`'s own), lapsed ones do not. */
  private async hasFree(line: OrderLine, heldBy?: number): Promise<boolean> {
    const [product] = await this.findProducts([line.productId], heldBy);
    return product !== undefined && product.stock >= line.count;
  }
}

function byProduct(lines: readonly OrderLine[]): OrderLine[] {
  return [...lines].sort((a, b) => a.productId - b.productId);
}
