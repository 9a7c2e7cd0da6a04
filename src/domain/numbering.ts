/** The n-th (1-based) of a series named after `base`: `base`, then `base_2`, `base_3`, … */
export function nthOf(base: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`a series counts from 1, got ${n}`);
  return n === 1 ? base : `${base}_${n}`;
}
