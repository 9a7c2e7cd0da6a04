import { type Kysely, type Selectable, sql } from 'kysely';
import type { NewOutboxItem, Outbox, OutboxEnd, OutboxItem, OutboxKind, OutboxStatus, OutboxWork } from '../../application/index.js';
import type { DB } from './schema.js';
import type { OutboxTable } from './delivery-tables.js';
import { isDuplicateKey, parseJson, toDate, toNumber } from './rows.js';
import { leaseFreeAt } from './lease.js';

/** WeChat's errmsg can be long; the column keeps the start. */
const cut = (text: string | undefined) => (text === undefined ? undefined : [...text].slice(0, 255).join(''));

export class KyselyOutbox implements Outbox {
  constructor(private readonly db: Kysely<DB>) {}

  async add(item: NewOutboxItem): Promise<boolean> {
    const at = item.createdAt.getTime();
    try {
      await this.db
        .insertInto('outbox')
        .values({
          outbox_key: item.key,
          kind: item.work.kind,
          order_id: item.work.orderId,
          work: JSON.stringify(item.work),
          status: item.ended?.status ?? 'PENDING',
          error_code: item.ended?.errorCode ?? null,
          error_message: cut(item.ended?.errorMessage) ?? null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async find(key: string): Promise<OutboxItem | null> {
    const row = await this.db.selectFrom('outbox').selectAll().where('outbox_key', '=', key).executeTakeFirst();
    return row ? toItem(row) : null;
  }

  async listByOrders(orderIds: readonly number[]): Promise<OutboxItem[]> {
    if (orderIds.length === 0) return [];
    const rows = await this.db.selectFrom('outbox').selectAll().where('order_id', 'in', [...orderIds]).orderBy('created_at').orderBy('id').execute();
    return rows.map(toItem);
  }

  async findDue(now: Date, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('outbox')
      .select('outbox_key')
      .where('status', '=', 'PENDING')
      .where((eb) => leaseFreeAt(eb, 'not_before', now))
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => row.outbox_key);
  }

  /** Compare-and-set on the lease: of two workers, one updates the row. */
  async claim(key: string, now: Date, until: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox')
      .set({ not_before: until.getTime(), tries: sql<number>`tries + 1` })
      .where('outbox_key', '=', key)
      .where('status', '=', 'PENDING')
      .where((eb) => leaseFreeAt(eb, 'not_before', now))
      .executeTakeFirst();
    return toNumber(result.numUpdatedRows) === 1;
  }

  async end(key: string, end: OutboxEnd): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox')
      .set({
        status: end.status,
        updated_at: end.at.getTime(),
        ...(end.errorCode !== undefined ? { error_code: end.errorCode } : {}),
        ...(end.errorMessage !== undefined ? { error_message: cut(end.errorMessage) } : {}),
      })
      .where('outbox_key', '=', key)
      .where('status', '=', 'PENDING')
      .executeTakeFirst();
    return toNumber(result.numUpdatedRows) === 1;
  }

  async retryAt(key: string, notBefore: Date, error: { code: string; message: string }, at: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ not_before: notBefore.getTime(), error_code: error.code, error_message: cut(error.message) ?? null, updated_at: at.getTime() })
      .where('outbox_key', '=', key)
      .where('status', '=', 'PENDING')
      .execute();
  }
}

function toItem(row: Selectable<OutboxTable>): OutboxItem {
  return {
    key: row.outbox_key,
    kind: row.kind as OutboxKind,
    orderId: toNumber(row.order_id),
    work: parseJson<OutboxWork>(row.work),
    status: row.status as OutboxStatus,
    tries: toNumber(row.tries),
    errorCode: row.error_code,
    errorMessage: row.error_message,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}
