import { type ColumnDefinitionBuilder, type Kysely, MysqlAdapter, sql } from 'kysely';

/**
 * Delivery as WeChat's shipping management needs it: each shipment; the outbox of work that must
 * reach WeChat (uploads, subscribe messages); buyers' subscribe-message acceptances; what WeChat's
 * shipping management pushed about each order; and the mini-program's one shared access_token.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const mysql = db.getExecutor().adapter instanceof MysqlAdapter;
  const createTable = (name: string) => {
    const builder = db.schema.createTable(name);
    return mysql ? builder.modifyEnd(sql`default character set utf8mb4 collate utf8mb4_unicode_ci`) : builder;
  };
  const exact = (col: ColumnDefinitionBuilder) => (mysql ? col.modifyFront(sql`collate utf8mb4_bin`) : col);

  await createTable('shipment')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('order_id', 'integer', (col) => col.notNull())
    // 1 the delivery, 2 the one re-shipment: the unique pair lets only one of two racing deliveries write.
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('logistics_type', 'varchar(16)')
    .addColumn('parcels', 'text', (col) => col.notNull())
    .addColumn('shipped_at', 'bigint', (col) => col.notNull())
    .addUniqueConstraint('shipment_order_seq_unique', ['order_id', 'seq'])
    .execute();

  await createTable('outbox')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('outbox_key', 'varchar(64)', (col) => exact(col).notNull().unique())
    .addColumn('kind', 'varchar(24)', (col) => col.notNull())
    .addColumn('order_id', 'integer', (col) => col.notNull())
    .addColumn('work', 'text', (col) => col.notNull())
    .addColumn('status', 'varchar(12)', (col) => col.notNull())
    .addColumn('tries', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('error_code', 'varchar(32)')
    .addColumn('error_message', 'varchar(255)')
    // A worker's lease, or the pause before the next try: no one takes the item before it.
    .addColumn('not_before', 'bigint')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('outbox_status_idx').on('outbox').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('outbox_order_idx').on('outbox').column('order_id').execute();

  await createTable('subscribe_consent')
    .addColumn('user_id', 'integer', (col) => col.notNull())
    .addColumn('template_id', 'varchar(128)', (col) => exact(col).notNull())
    .addColumn('remaining', 'integer', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('subscribe_consent_pk', ['user_id', 'template_id'])
    .execute();

  await createTable('order_trade')
    .addColumn('order_id', 'integer', (col) => col.primaryKey())
    .addColumn('reminded_at', 'bigint')
    .addColumn('remind_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('confirmed_at', 'bigint')
    .addColumn('confirm_method', 'integer')
    .addColumn('settled_at', 'bigint')
    .execute();

  await createTable('wechat_access_token')
    .addColumn('app_id', 'varchar(64)', (col) => exact(col).primaryKey())
    .addColumn('token', 'varchar(600)')
    .addColumn('expires_at', 'bigint')
    .addColumn('refresh_at', 'bigint')
    .addColumn('lock_owner', 'varchar(64)')
    .addColumn('lock_until', 'bigint')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['wechat_access_token', 'order_trade', 'subscribe_consent', 'outbox', 'shipment']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
