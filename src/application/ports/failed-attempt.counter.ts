/**
 * Counts failed attempts per key inside a window that starts at the first failure. Shared by
 * every instance of the server (Redis in production), so a limit holds behind a load balancer.
 */
export interface FailedAttemptCounter {
  /** Adds one failure and returns the failures counted in the current window. */
  increment(key: string, windowSeconds: number): Promise<number>;
  count(key: string): Promise<number>;
  reset(key: string): Promise<void>;
}

export const FailedAttemptCounter = Symbol('FailedAttemptCounter');
