import type { Kysely } from 'kysely';
import type { Scope, ThirdApp, ThirdAppRepository } from '../../application/index.js';
import type { DB } from './schema.js';
import { toNumber } from './rows.js';

export class KyselyThirdAppRepository implements ThirdAppRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async findByAppId(appId: string): Promise<ThirdApp | null> {
    const row = await this.db
      .selectFrom('third_app')
      .select(['id', 'app_id', 'secret_hash', 'scope'])
      .where('app_id', '=', appId)
      .executeTakeFirst();
    // MySQL's PAD SPACE collations match 'id ' to 'id': only the exact id names the app.
    if (!row || row.app_id !== appId) return null;
    return { id: toNumber(row.id), appId: row.app_id, secretHash: row.secret_hash, scope: row.scope as Scope };
  }
}
