import type { OrderLine, Product } from '../../domain/index.js';

export type Deduction = { readonly ok: true } | { readonly ok: false; readonly shortProductIds: number[] };

/**
 * Stock and the holds on it. A hold promises an unpaid order's units to it until its pay window
 * closes (STOCK_POLICY=on_payment); `stock - held` is what is not yet promised. Holds that have
 * lapsed still count until released, so every conditional write that would refuse releases the
 * product's lapsed holds first and tries once more: a lapsed hold never refuses anyone.
 */
export const StockGateway = Symbol('StockGateway');
export interface StockGateway {
  /**
   * Loads every named product that exists and is not deleted, in one query; `stock` is the units
   * not promised to a live hold, other than `heldBy`'s (an order asking what is free for it).
   */
  findProducts(ids: readonly number[], heldBy?: number): Promise<Product[]>;
  /**
   * Deducts every line or none, from units not held: each line is a conditional decrement that
   * never lets stock go below what is held, touched in product-id order. Run inside the unit of
   * work of the status change.
   */
  deductAll(lines: readonly OrderLine[]): Promise<Deduction>;
  /** Gives reserved stock back (on_order policy, when an order closes unpaid). Run inside a unit of work. */
  release(lines: readonly OrderLine[]): Promise<void>;
  /**
   * Holds every line of the order until `until`, or none: each a conditional increment of `held`
   * while `stock - held` covers it. An order already holding keeps its hold (nothing held twice).
   * Run inside a unit of work.
   */
  hold(orderId: number, lines: readonly OrderLine[], until: Date): Promise<Deduction>;
  /** Ends the order's holds, lapsed or not, giving their units back (the order closed). Run inside a unit of work. */
  releaseHolds(orderId: number, lines: readonly OrderLine[]): Promise<void>;
  /**
   * The order is paid: a line it still holds is deducted from stock with its hold (while stock
   * covers it), a line it no longer holds only from units not held. Every line or none is
   * deducted; the order's holds end either way. Run inside the unit of work of the status change.
   */
  deductPaid(orderId: number, lines: readonly OrderLine[]): Promise<Deduction>;
}
