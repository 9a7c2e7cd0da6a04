import type { Kysely } from 'kysely';
import type { Clock, User, UserRepository } from '../../application/index.js';
import type { DB } from './schema.js';
import { selectRows } from './compiled-statements.js';
import { isDuplicateKey, toNumber } from './rows.js';

/** The SQL of KyselyUserRepository.findById as a builder; the benchmark's floor compiles the same one. */
export const userStatements = {
  findById: (db: Kysely<DB>, id: number) => db.selectFrom('user').select(['id', 'openid']).where('id', '=', id),
};

export class KyselyUserRepository implements UserRepository {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  /** Read, else insert; when two first logins race, the loser's duplicate key sends it to re-read. */
  async findOrCreateByOpenid(openid: string): Promise<User> {
    const existing = await this.findByOpenid(openid);
    if (existing) return existing;
    try {
      const result = await this.db
        .insertInto('user')
        .values({ openid, create_time: this.clock.now().getTime() })
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
    const [row] = await selectRows(this.db, userStatements.findById, id);
    return row ? { id: toNumber(row.id), openid: row.openid } : null;
  }

  private async findByOpenid(openid: string): Promise<User | null> {
    const row = await this.db.selectFrom('user').select(['id', 'openid']).where('openid', '=', openid).executeTakeFirst();
    return row ? { id: toNumber(row.id), openid: row.openid } : null;
  }
}
