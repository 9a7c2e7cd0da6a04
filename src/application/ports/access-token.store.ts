export interface StoredAccessToken {
  readonly token: string;
  /** When WeChat stops taking it. */
  readonly expiresAt: Date;
  /** When an instance should fetch the next one (a few minutes before it expires): until then every instance uses this one. */
  readonly refreshAt: Date;
}

/**
 * Where every instance of the shop keeps the mini-program's one `access_token` (from
 * `stable_token`): Redis when configured, else the database. A lock with a time limit lets one
 * instance at a time refresh it; a holder that dies frees it when the time runs out.
 */
export const AccessTokenStore = Symbol('AccessTokenStore');
export interface AccessTokenStore {
  read(): Promise<StoredAccessToken | null>;
  write(token: StoredAccessToken): Promise<void>;
  /** Takes the refresh lock for `ttlSeconds` if it is free at `now`; false when another holds it. */
  lock(owner: string, now: Date, ttlSeconds: number): Promise<boolean>;
  /** Frees the lock if `owner` still holds it. */
  unlock(owner: string): Promise<void>;
}
