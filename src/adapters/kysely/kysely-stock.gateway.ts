import { type Kysely, sql } from 'kysely';
import type { OrderLine, Product } from '../../domain/index.js';
import type { Deduction, StockGateway } from '../../application/index.js';
import type { DB } from './schema.js';
import { toNumber } from './rows.js';

/** The SQL of KyselyStockGateway as builders; the benchmark's floor compiles the same ones. */
export const stockStatements = {
  findProducts: (db: Kysely<DB>, ids: readonly number[]) =>
    db
      .selectFrom('product')
      .select(['id', 'name', 'price', 'stock', 'main_img_url'])
      .where('id', 'in', [...ids])
      .where('delete_time', 'is', null)
      .orderBy('id'),
  /** The conditional decrement: it touches the row only while the stock covers the count. */
  decrement: (db: Kysely<DB>, productId: number, count: number) =>
    db
      .updateTable('product')
      .set({ stock: sql<number>`stock - ${count}` })
      .where('id', '=', productId)
      .where('stock', '>=', count),
};

export function toProduct(row: { id: number; name: string; price: number; stock: number; main_img_url: string }): Product {
  return { id: toNumber(row.id), name: row.name, price: toNumber(row.price), stock: toNumber(row.stock), mainImgUrl: row.main_img_url };
}

export class KyselyStockGateway implements StockGateway {
  constructor(private readonly db: Kysely<DB>) {}

  async findProducts(ids: readonly number[]): Promise<Product[]> {
    if (ids.length === 0) return [];
    const rows = await stockStatements.findProducts(this.db, ids).execute();
    return rows.map(toProduct);
  }

  /**
   * Each line is one conditional decrement that must touch one row; rows in product-id order so
   * two transactions never wait on each other in a cycle. A short line gives back what this call
   * took, so the caller's transaction is left as it found it even if it commits.
   */
  async deductAll(lines: readonly OrderLine[]): Promise<Deduction> {
    const ordered = [...lines].sort((a, b) => a.productId - b.productId);
    const deducted: OrderLine[] = [];
    const shortProductIds: number[] = [];
    for (const line of ordered) {
      if (shortProductIds.length > 0) {
        if (!(await this.hasStock(line))) shortProductIds.push(line.productId);
        continue;
      }
      if (await this.decrement(line)) deducted.push(line);
      else shortProductIds.push(line.productId);
    }
    if (shortProductIds.length === 0) return { ok: true };
    await this.release(deducted);
    return { ok: false, shortProductIds };
  }

  async release(lines: readonly OrderLine[]): Promise<void> {
    for (const line of [...lines].sort((a, b) => a.productId - b.productId)) {
      await this.db
        .updateTable('product')
        .set({ stock: sql<number>`stock + ${line.count}` })
        .where('id', '=', line.productId)
        .execute();
    }
  }

  private async decrement(line: OrderLine): Promise<boolean> {
    const result = await stockStatements.decrement(this.db, line.productId, line.count).executeTakeFirst();
    // count >= 1, so a matched row (what mysql2 counts) is a changed row.
    return toNumber(result.numUpdatedRows) === 1;
  }

  /** Only to name every short line in the answer; nothing is deducted past the first short one. */
  private async hasStock(line: OrderLine): Promise<boolean> {
    const row = await this.db
      .selectFrom('product')
      .select('stock')
      .where('id', '=', line.productId)
      .executeTakeFirst();
    return row !== undefined && toNumber(row.stock) >= line.count;
  }
}
