import type { OrderNumberGenerator } from '../../application/index.js';

/** Deterministic order numbers for tests: time prefix plus a counter. */
export class SequentialOrderNumberGenerator implements OrderNumberGenerator {
  private counter = 0;

  next(now: Date): string {
    this.counter += 1;
    return `${now.toISOString().replace(/\D/g, '').slice(0, 17)}${String(this.counter).padStart(8, '0')}`;
  }
}
