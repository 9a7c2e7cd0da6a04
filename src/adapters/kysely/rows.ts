/** Conversions at the edge of the database: drivers differ, the domain never sees the difference. */

/** mysql2 may hand back BIGINT/COUNT as number, bigint or string; SQLite as number. */
export function toNumber(value: unknown): number {
  const result = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(result)) throw new TypeError(`expected a safe integer from the database, got ${String(value)}`);
  return result;
}

export function toNullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

export function toDate(millis: unknown): Date {
  return new Date(toNumber(millis));
}

export function toNullableDate(millis: unknown): Date | null {
  return millis === null || millis === undefined ? null : toDate(millis);
}

/** JSON text columns: a string from SQLite and TEXT, an object when MySQL types the column JSON. */
export function parseJson<T>(value: unknown): T {
  if (typeof value === 'string') return JSON.parse(value) as T;
  if (Buffer.isBuffer(value)) return JSON.parse(value.toString('utf8')) as T;
  return value as T;
}

/** A unique or primary key violation: SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY or MySQL ER_DUP_ENTRY (1062). */
export function isDuplicateKey(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return (
    code === 'ER_DUP_ENTRY' ||
    errno === 1062 ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * A transaction the database gave up on and rolled back whole; running the work again is safe.
 * Galera reports a write set that failed certification at COMMIT, and a local transaction aborted
 * by a replicated one (brute-force abort), as ER_LOCK_DEADLOCK as well.
 */
export function isRetryableTransactionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return code === 'ER_LOCK_DEADLOCK' || errno === 1213 || code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}
