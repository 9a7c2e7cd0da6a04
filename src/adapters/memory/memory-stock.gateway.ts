import type { OrderLine, Product } from '../../domain/index.js';
import type { Clock, Deduction, StockGateway } from '../../application/index.js';
import type { MemoryDatabase } from './memory.database.js';

/** Holds are rows as in SQL; a product's `held` is the sum of its rows, lapsed ones included until released. */
export class MemoryStockGateway implements StockGateway {
  constructor(
    private readonly db: MemoryDatabase,
    private readonly clock: Clock,
  ) {}

  async findProducts(ids: readonly number[], heldBy?: number): Promise<Product[]> {
    const now = this.clock.now().getTime();
    return ids.flatMap((id) => {
      const row = this.db.state.products.get(id);
      if (!row || row.deleted) return [];
      const { deleted: _deleted, ...product } = row;
      const live = this.holdsOf(id).filter((hold) => hold.expiresAt.getTime() > now && hold.orderId !== heldBy);
      return [{ ...product, stock: product.stock - live.reduce((sum, hold) => sum + hold.count, 0) }];
    });
  }

  async deductAll(lines: readonly OrderLine[]): Promise<Deduction> {
    const shortProductIds = lines.filter((line) => this.free(line.productId) < line.count).map((line) => line.productId);
    if (shortProductIds.length > 0) return { ok: false, shortProductIds };
    for (const line of lines) this.addStock(line.productId, -line.count);
    return { ok: true };
  }

  async release(lines: readonly OrderLine[]): Promise<void> {
    for (const line of lines) this.addStock(line.productId, line.count);
  }

  async hold(orderId: number, lines: readonly OrderLine[], until: Date): Promise<Deduction> {
    const { holds } = this.db.state;
    if (lines.some((line) => holds.has(key(orderId, line.productId)))) return { ok: true };
    const shortProductIds = lines.filter((line) => this.free(line.productId) < line.count).map((line) => line.productId);
    if (shortProductIds.length > 0) return { ok: false, shortProductIds };
    for (const line of lines) holds.set(key(orderId, line.productId), { orderId, productId: line.productId, count: line.count, expiresAt: until });
    return { ok: true };
  }

  async releaseHolds(orderId: number, lines: readonly OrderLine[]): Promise<void> {
    for (const line of lines) this.db.state.holds.delete(key(orderId, line.productId));
  }

  async deductPaid(orderId: number, lines: readonly OrderLine[]): Promise<Deduction> {
    const { holds, products } = this.db.state;
    const held = new Set(lines.filter((line) => holds.has(key(orderId, line.productId))).map((line) => line.productId));
    await this.releaseHolds(orderId, lines);
    const shortProductIds = lines
      .filter((line) => (held.has(line.productId) ? (products.get(line.productId)?.stock ?? 0) : this.free(line.productId)) < line.count)
      .map((line) => line.productId);
    if (shortProductIds.length > 0) return { ok: false, shortProductIds };
    for (const line of lines) this.addStock(line.productId, -line.count);
    return { ok: true };
  }

  /** Units not held by anyone, once the product's lapsed holds are released. */
  private free(productId: number): number {
    const product = this.db.state.products.get(productId);
    if (!product) return 0;
    const now = this.clock.now().getTime();
    for (const hold of this.holdsOf(productId)) {
      if (hold.expiresAt.getTime() <= now) this.db.state.holds.delete(key(hold.orderId, productId));
    }
    return product.stock - this.holdsOf(productId).reduce((sum, hold) => sum + hold.count, 0);
  }

  private holdsOf(productId: number) {
    return [...this.db.state.holds.values()].filter((hold) => hold.productId === productId);
  }

  private addStock(productId: number, delta: number): void {
    const product = this.db.state.products.get(productId);
    if (product) this.db.state.products.set(productId, { ...product, stock: product.stock + delta });
  }
}

function key(orderId: number, productId: number): string {
  return `${orderId}:${productId}`;
}
