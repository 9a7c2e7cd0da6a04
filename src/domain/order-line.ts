import { InvalidOrderLine } from './errors.js';

export interface OrderLine {
  readonly productId: number;
  readonly count: number;
}

/** Upper bound of one line's count: far below 2^31 so `count * price` stays a safe integer. */
export const MAX_LINE_COUNT = 10_000;

/**
 * Merges lines naming the same product and sorts them by product id, so stock rows are
 * always touched in one order (no deadlock between two transactions).
 */
export function mergeLines(lines: readonly OrderLine[]): OrderLine[] {
  if (lines.length === 0) throw new InvalidOrderLine('an order needs at least one product line');
  const counts = new Map<number, number>();
  for (const line of lines) {
    if (!Number.isSafeInteger(line.productId) || line.productId <= 0) {
      throw new InvalidOrderLine(`product_id must be a positive integer, got ${String(line.productId)}`);
    }
    if (!Number.isSafeInteger(line.count) || line.count <= 0 || line.count > MAX_LINE_COUNT) {
      throw new InvalidOrderLine(`count must be an integer from 1 to ${MAX_LINE_COUNT}, got ${String(line.count)}`);
    }
    const merged = (counts.get(line.productId) ?? 0) + line.count;
    if (merged > MAX_LINE_COUNT) {
      throw new InvalidOrderLine(`count of product ${line.productId} exceeds ${MAX_LINE_COUNT}`);
    }
    counts.set(line.productId, merged);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([productId, count]) => ({ productId, count }));
}
