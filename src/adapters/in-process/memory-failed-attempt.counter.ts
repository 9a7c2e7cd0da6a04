import type { Clock, FailedAttemptCounter } from '../../application/index.js';

/** Failure counts in this process: the embedded default for a single instance. */
export class MemoryFailedAttemptCounter implements FailedAttemptCounter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(private readonly clock: Clock) {}

  async increment(key: string, windowSeconds: number): Promise<number> {
    const now = this.clock.now().getTime();
    const current = this.live(key, now) ?? { count: 0, endsAt: now + windowSeconds * 1000 };
    current.count += 1;
    this.windows.set(key, current);
    return current.count;
  }

  async count(key: string): Promise<number> {
    return this.live(key, this.clock.now().getTime())?.count ?? 0;
  }

  async secondsLeft(key: string): Promise<number> {
    const now = this.clock.now().getTime();
    const window = this.live(key, now);
    return window ? Math.ceil((window.endsAt - now) / 1000) : 0;
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  private live(key: string, now: number): { count: number; endsAt: number } | null {
    const window = this.windows.get(key);
    if (!window) return null;
    if (window.endsAt <= now) {
      this.windows.delete(key);
      return null;
    }
    return window;
  }
}
