import { type Kysely, sql } from 'kysely';
import type { SubscribeConsents } from '../../application/index.js';
import type { DB } from './schema.js';
import { isDuplicateKey, toNumber } from './rows.js';

export class KyselySubscribeConsents implements SubscribeConsents {
  constructor(private readonly db: Kysely<DB>) {}

  /** An increment of the row, or its insert; two first grants racing meet at the primary key and the loser increments. */
  async grant(userId: number, templateId: string, count: number, at: Date): Promise<number> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await this.add(userId, templateId, count, at)) return this.remaining(userId, templateId);
      try {
        await this.db.insertInto('subscribe_consent').values({ user_id: userId, template_id: templateId, remaining: count, updated_at: at.getTime() }).execute();
        return count;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    throw new Error('a subscribe consent could neither be added to nor created');
  }

  async consume(userId: number, templateId: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('subscribe_consent')
      .set({ remaining: sql<number>`remaining - 1`, updated_at: at.getTime() })
      .where('user_id', '=', userId)
      .where('template_id', '=', templateId)
      .where('remaining', '>', 0)
      .executeTakeFirst();
    return toNumber(result.numUpdatedRows) === 1;
  }

  async remaining(userId: number, templateId: string): Promise<number> {
    const row = await this.db
      .selectFrom('subscribe_consent')
      .select('remaining')
      .where('user_id', '=', userId)
      .where('template_id', '=', templateId)
      .executeTakeFirst();
    return row ? toNumber(row.remaining) : 0;
  }

  private async add(userId: number, templateId: string, count: number, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('subscribe_consent')
      .set({ remaining: sql<number>`remaining + ${count}`, updated_at: at.getTime() })
      .where('user_id', '=', userId)
      .where('template_id', '=', templateId)
      .executeTakeFirst();
    return toNumber(result.numUpdatedRows) === 1;
  }
}
