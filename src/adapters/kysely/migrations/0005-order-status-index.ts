import { type Kysely, MysqlAdapter } from 'kysely';

/**
 * The console lists orders of one status newest first, and settlement walks the unpaid ones oldest
 * first: both read `order` by status in create_time order. Both engines append the primary key to a
 * secondary index, so the id tie-break of either order comes from the index too, with no sort.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('order_status_create_time_idx').on('order').columns(['status', 'create_time']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const drop = db.schema.dropIndex('order_status_create_time_idx');
  // MySQL names the table of an index it drops; SQLite's index names are global and take no ON.
  await (db.getExecutor().adapter instanceof MysqlAdapter ? drop.on('order') : drop).execute();
}
