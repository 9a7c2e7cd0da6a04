import { isRetryableTransactionError } from './rows.js';

/**
 * A deadlock victim (MySQL), a write set that lost certification at COMMIT (Galera answers it as a
 * deadlock too) or a busy database (SQLite) was rolled back whole: run the work again, a few times,
 * after a random pause so that the writers that collided do not collide again in step. The pauses
 * double from BACKOFF_MS up to BACKOFF_CAP_MS, about a second in all at most: a hot product row
 * written through three Galera nodes loses certification often, and a buyer told 503 while units
 * are free is worse than one who waits.
 */
export const ATTEMPTS = 8;
const BACKOFF_MS = 20;
const BACKOFF_CAP_MS = 250;

/** The longest pause before attempt `attempt + 1`; the pause taken is a random part of it. */
export function backoffBoundMs(attempt: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_MS * 2 ** (attempt - 1));
}

let retries = 0;

/** Transactions this process ran again after a conflict: the benchmark's conflict-retry count. */
export function transactionRetries(): number {
  return retries;
}

/**
 * Runs a whole transaction, and again while it is rolled back whole by a conflict: the unit of
 * work and the one-packet transactions share one policy and one count.
 */
export async function retryingRolledBack<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryableTransactionError(error)) throw error;
      retries++;
      await pause(backoffBoundMs(attempt) * Math.random());
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
