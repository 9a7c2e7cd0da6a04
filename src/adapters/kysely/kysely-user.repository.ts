import type { Kysely } from 'kysely';
import type { User, UserRepository } from '../../application/index.js';
import type { DB } from './database.js';
import { isDuplicateKey, toNumber } from './rows.js';

export class KyselyUserRepository implements UserRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Read, else insert; when two first logins race, the loser's duplicate key sends it to re-read. */
  async findOrCreateByOpenid(openid: string): Promise<User> {
    const existing = await this.findByOpenid(openid);
    if (existing) return existing;
    try {
      const result = await this.db
        .insertInto('user')
        .values({ openid, create_time: Date.now() })
        .executeTakeFirstOrThrow();
      return { id: toNumber(result.insertId), openid };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const winner = await this.findByOpenid(openid);
      if (!winner) throw error;
      return winner;
    }
  }

  async findById(id: number): Promise<User | null> {
    const row = await this.db.selectFrom('user').select(['id', 'openid']).where('id', '=', id).executeTakeFirst();
    return row ? { id: toNumber(row.id), openid: row.openid } : null;
  }

  private async findByOpenid(openid: string): Promise<User | null> {
    const row = await this.db.selectFrom('user').select(['id', 'openid']).where('openid', '=', openid).executeTakeFirst();
    return row ? { id: toNumber(row.id), openid: row.openid } : null;
  }
}
