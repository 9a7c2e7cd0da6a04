/**
 * Counts attempts per key (until a success resets them) inside a window that starts at the first. Shared by
 * every instance of the server (Redis in production), so a limit holds behind a load balancer.
 */
export interface FailedAttemptCounter {
  /** Adds one attempt and returns the attempts counted in the current window, atomically. */
  increment(key: string, windowSeconds: number): Promise<number>;
  count(key: string): Promise<number>;
  /** Whole seconds until the key's current window ends; 0 when it has none. */
  secondsLeft(key: string): Promise<number>;
  reset(key: string): Promise<void>;
}

export const FailedAttemptCounter = Symbol('FailedAttemptCounter');
