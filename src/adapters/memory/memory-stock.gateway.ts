import type { OrderLine, Product } from '../../domain/index.js';
import type { Deduction, StockGateway } from '../../application/index.js';
import type { MemoryDatabase } from './memory.database.js';

export class MemoryStockGateway implements StockGateway {
  constructor(private readonly db: MemoryDatabase) {}

  async findProducts(ids: readonly number[]): Promise<Product[]> {
    return ids.flatMap((id) => {
      const row = this.db.state.products.get(id);
      if (!row || row.deleted) return [];
      const { deleted: _deleted, ...product } = row;
      return [product];
    });
  }

  async deductAll(lines: readonly OrderLine[]): Promise<Deduction> {
    const { products } = this.db.state;
    const shortProductIds = lines
      .filter((line) => (products.get(line.productId)?.stock ?? 0) < line.count)
      .map((line) => line.productId);
    if (shortProductIds.length > 0) return { ok: false, shortProductIds };
    for (const line of lines) {
      const product = products.get(line.productId)!;
      products.set(line.productId, { ...product, stock: product.stock - line.count });
    }
    return { ok: true };
  }

  async release(lines: readonly OrderLine[]): Promise<void> {
    const { products } = this.db.state;
    for (const line of lines) {
      const product = products.get(line.productId);
      if (product) products.set(line.productId, { ...product, stock: product.stock + line.count });
    }
  }
}
