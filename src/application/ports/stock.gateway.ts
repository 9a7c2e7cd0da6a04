import type { OrderLine, Product } from '../../domain/index.js';

export type Deduction = { readonly ok: true } | { readonly ok: false; readonly shortProductIds: number[] };

export const StockGateway = Symbol('StockGateway');
export interface StockGateway {
  /** Loads every named product that exists and is not deleted, in one query. */
  findProducts(ids: readonly number[]): Promise<Product[]>;
  /**
   * Deducts every line or none: each line is a conditional decrement that never lets stock go
   * below zero, touched in product-id order. Run inside the unit of work of the status change.
   */
  deductAll(lines: readonly OrderLine[]): Promise<Deduction>;
  /** Gives reserved stock back (on_order policy, when an order closes unpaid). Run inside a unit of work. */
  release(lines: readonly OrderLine[]): Promise<void>;
}
