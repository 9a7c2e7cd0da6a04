/** Latencies of one step, in milliseconds, kept whole so percentiles are exact. */
export class Latencies {
  private readonly samples: number[] = [];
  private failures = 0;

  record(ms: number): void {
    this.samples.push(ms);
  }

  fail(): void {
    this.failures++;
  }

  /** Times `work` and records it; a throw counts as a failure and is rethrown. */
  async time<T>(work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      const result = await work();
      this.record(performance.now() - start);
      return result;
    } catch (error) {
      this.fail();
      throw error;
    }
  }

  summary(): LatencySummary {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
    const mean = sorted.length === 0 ? 0 : sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length;
    return { count: sorted.length, failures: this.failures, p50: round(at(0.5)), p99: round(at(0.99)), mean: round(mean), max: round(sorted.at(-1) ?? 0) };
  }
}

export interface LatencySummary {
  readonly count: number;
  readonly failures: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly max: number;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Relative spread of a series around its first value, e.g. 0.12 for +12 %. */
export function worstDrift(values: readonly number[]): number {
  const [base, ...rest] = values;
  if (!base) return 0;
  return rest.reduce((worst, value) => Math.max(worst, Math.abs(value - base) / base), 0);
}
