import type { AccessTokenStore, StoredAccessToken } from '../../application/index.js';

/** The access token in this process only: right for one instance (and tests); several need Redis or the database. */
export class MemoryAccessTokenStore implements AccessTokenStore {
  private token: StoredAccessToken | null = null;
  private holder: { owner: string; until: number } | null = null;

  async read(): Promise<StoredAccessToken | null> {
    return this.token;
  }

  async write(token: StoredAccessToken): Promise<void> {
    this.token = { token: token.token, expiresAt: new Date(token.expiresAt), refreshAt: new Date(token.refreshAt) };
  }

  async lock(owner: string, now: Date, ttlSeconds: number): Promise<boolean> {
    if (this.holder && this.holder.until > now.getTime()) return false;
    this.holder = { owner, until: now.getTime() + ttlSeconds * 1000 };
    return true;
  }

  async unlock(owner: string): Promise<void> {
    if (this.holder?.owner === owner) this.holder = null;
  }
}
