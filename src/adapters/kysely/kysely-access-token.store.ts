import type { Kysely } from 'kysely';
import type { AccessTokenStore, StoredAccessToken } from '../../application/index.js';
import type { DB } from './schema.js';
import { isDuplicateKey, toNumber } from './rows.js';
import { leaseFreeAt } from './lease.js';

/** The shared access token in the database, one row per app id: what instances share without Redis. */
export class KyselyAccessTokenStore implements AccessTokenStore {
  private rowWritten = false;

  constructor(private readonly db: Kysely<DB>, private readonly appId: string) {}

  async read(): Promise<StoredAccessToken | null> {
    const row = await this.db.selectFrom('wechat_access_token').select(['token', 'expires_at', 'refresh_at']).where('app_id', '=', this.appId).executeTakeFirst();
    if (!row?.token || row.expires_at === null || row.refresh_at === null) return null;
    return { token: row.token, expiresAt: new Date(toNumber(row.expires_at)), refreshAt: new Date(toNumber(row.refresh_at)) };
  }

  async write(token: StoredAccessToken): Promise<void> {
    await this.ensureRow();
    await this.db
      .updateTable('wechat_access_token')
      .set({ token: token.token, expires_at: token.expiresAt.getTime(), refresh_at: token.refreshAt.getTime() })
      .where('app_id', '=', this.appId)
      .execute();
  }

  /** Compare-and-set on the row's lock: of two instances, one updates it. */
  async lock(owner: string, now: Date, ttlSeconds: number): Promise<boolean> {
    await this.ensureRow();
    const result = await this.db
      .updateTable('wechat_access_token')
      .set({ lock_owner: owner, lock_until: now.getTime() + ttlSeconds * 1000 })
      .where('app_id', '=', this.appId)
      .where((eb) => leaseFreeAt(eb, 'lock_until', now))
      .executeTakeFirst();
    return toNumber(result.numUpdatedRows) === 1;
  }

  async unlock(owner: string): Promise<void> {
    await this.db
      .updateTable('wechat_access_token')
      .set({ lock_owner: null, lock_until: null })
      .where('app_id', '=', this.appId)
      .where('lock_owner', '=', owner)
      .execute();
  }

  private async ensureRow(): Promise<void> {
    if (this.rowWritten) return;
    try {
      await this.db.insertInto('wechat_access_token').values({ app_id: this.appId }).execute();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    this.rowWritten = true;
  }
}
