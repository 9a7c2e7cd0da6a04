import { InvalidMoney } from './errors.js';

/**
 * Money is an integer number of fen (0.01 yuan), the unit WeChat Pay's `total_fee` speaks.
 * Floats never enter: every constructor and operation checks for a safe integer.
 */
export type Fen = number;

export function fen(value: number): Fen {
  if (!Number.isSafeInteger(value) || value < 0) throw new InvalidMoney(value);
  return value;
}

export function multiplyFen(price: Fen, count: number): Fen {
  return fen(fen(price) * count);
}

export function sumFen(values: readonly Fen[]): Fen {
  return fen(values.reduce((total, value) => total + fen(value), 0));
}
