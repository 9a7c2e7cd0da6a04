import { type ColumnDefinitionBuilder, type Kysely, MysqlAdapter, sql } from 'kysely';

/**
 * The shop's schema, identical on SQLite and MySQL: times are BIGINT millis, money integer fen
 * (BIGINT where a sum of lines can pass 2^31), JSON snapshots TEXT.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = 'id' as const;
  const mysql = db.getExecutor().adapter instanceof MysqlAdapter;
  /** utf8mb4 whatever the server's default, so Chinese names survive. */
  const createTable = (name: string) => {
    const builder = db.schema.createTable(name);
    return mysql ? builder.modifyEnd(sql`default character set utf8mb4 collate utf8mb4_unicode_ci`) : builder;
  };
  /** Identifiers from outside (openid, app id) compare byte for byte; MySQL's default collation ignores case. */
  const exact = (col: ColumnDefinitionBuilder) => (mysql ? col.modifyFront(sql`collate utf8mb4_bin`) : col);

  await createTable('user')
    .addColumn(id, 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('openid', 'varchar(64)', (col) => exact(col).notNull().unique())
    .addColumn('create_time', 'bigint', (col) => col.notNull())
    .execute();

  await createTable('user_address')
    .addColumn(id, 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (col) => col.notNull().unique())
    .addColumn('name', 'varchar(30)', (col) => col.notNull())
    .addColumn('mobile', 'varchar(20)', (col) => col.notNull())
    .addColumn('province', 'varchar(50)', (col) => col.notNull())
    .addColumn('city', 'varchar(50)', (col) => col.notNull())
    .addColumn('country', 'varchar(50)', (col) => col.notNull())
    .addColumn('detail', 'varchar(200)', (col) => col.notNull())
    .addColumn('update_time', 'bigint', (col) => col.notNull())
    .execute();

  await createTable('image')
    .addColumn(id, 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('url', 'varchar(255)', (col) => col.notNull())
    .addColumn('from', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();

  await createTable('category')
    .addColumn(id, 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('name', 'varchar(50)', (col) => col.notNull())
    .addColumn('description', 'varchar(100)', (col) => col.notNull().defaultTo(''))
    .addColumn('topic_img_id', 'integer')
    .execute();

  await createTable('product')
    .addColumn(id, 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('name', 'varchar(80)', (col) => col.notNull())
    .addColumn('price', 'integer', (col) => col.notNull())
    .addColumn('stock', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('category_id', 'integer', (col) => col.notNull())
    .addColumn('main_img_url', 'varchar(255)', (col) => col.notNull())
    .addColumn('from', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('summary', 'varchar(255)', (col) => col.notNull().defaultTo(''))
    .addColumn('img_id', 'integer')
    .addColumn('delete_time', 'bigint')
    .addColumn('create_time', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('product_category_idx').on('product').column('category_id').execute();
  await db.schema.createIndex('product_create_time_idx').on('product').column('create_time').execute();

  await createTable('product_image')
    .addColumn(id, 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('product_id', 'integer', (col) => col.notNull())
    .addColumn('img_id', 'integer', (col) => col.notNull())
    .addColumn('display_order', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('product_image_product_idx').on('product_image').column('product_id').execute();

  await createTable('product_property')
    .addColumn(id, 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('product_id', 'integer', (col) => col.notNull())
    .addColumn('name', 'varchar(50)', (col) => col.notNull())
    .addColumn('detail', 'varchar(255)', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('product_property_product_idx').on('product_property').column('product_id').execute();

  await createTable('theme')
    .addColumn(id, 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('name', 'varchar(50)', (col) => col.notNull())
    .addColumn('description', 'varchar(255)', (col) => col.notNull().defaultTo(''))
    .addColumn('topic_img_id', 'integer')
    .addColumn('head_img_id', 'integer')
    .execute();

  await createTable('theme_product')
    .addColumn('theme_id', 'integer', (col) => col.notNull())
    .addColumn('product_id', 'integer', (col) => col.notNull())
    .addColumn('display_order', 'integer', (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('theme_product_pk', ['theme_id', 'product_id'])
    .execute();

  await createTable('banner')
    .addColumn(id, 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('name', 'varchar(50)', (col) => col.notNull())
    .addColumn('description', 'varchar(255)', (col) => col.notNull().defaultTo(''))
    .execute();

  await createTable('banner_item')
    .addColumn(id, 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('banner_id', 'integer', (col) => col.notNull())
    .addColumn('img_id', 'integer', (col) => col.notNull())
    .addColumn('key_word', 'varchar(100)', (col) => col.notNull())
    .addColumn('type', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('banner_item_banner_idx').on('banner_item').column('banner_id').execute();

  await createTable('third_app')
    .addColumn(id, 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('app_id', 'varchar(64)', (col) => exact(col).notNull().unique())
    .addColumn('secret_hash', 'varchar(255)', (col) => col.notNull())
    .addColumn('scope', 'varchar(16)', (col) => col.notNull())
    .addColumn('description', 'varchar(100)', (col) => col.notNull().defaultTo(''))
    .execute();

  await createTable('order')
    .addColumn(id, 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('order_no', 'varchar(32)', (col) => exact(col).notNull().unique())
    .addColumn('user_id', 'integer', (col) => col.notNull())
    .addColumn('status', 'integer', (col) => col.notNull())
    .addColumn('total_price', 'bigint', (col) => col.notNull())
    .addColumn('total_count', 'integer', (col) => col.notNull())
    .addColumn('snap_img', 'varchar(255)', (col) => col.notNull())
    .addColumn('snap_name', 'varchar(80)', (col) => col.notNull())
    .addColumn('snap_items', 'text', (col) => col.notNull())
    .addColumn('snap_address', 'text', (col) => col.notNull())
    .addColumn('prepay_id', 'varchar(100)')
    .addColumn('prepay_expires_at', 'bigint')
    .addColumn('transaction_id', 'varchar(64)')
    .addColumn('paid_at', 'bigint')
    // Which settlement worker looks at this unpaid order, until when (OrderSettlementQueue).
    .addColumn('settlement_lease_until', 'bigint')
    // Fen refunded or being refunded against this order's payment; never above total_price.
    .addColumn('refunded_fee', 'bigint', (col) => col.notNull().defaultTo(0))
    .addColumn('create_time', 'bigint', (col) => col.notNull())
    .addColumn('update_time', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('order_user_create_time_idx').on('order').columns(['user_id', 'create_time']).execute();
  await db.schema.createIndex('order_create_time_idx').on('order').column('create_time').execute();

  await createTable('order_product')
    .addColumn('order_id', 'integer', (col) => col.notNull().references('order.id').onDelete('cascade'))
    .addColumn('product_id', 'integer', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('order_product_pk', ['order_id', 'product_id'])
    .execute();

  await createTable('payment_attempt')
    .addColumn(id, 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('out_trade_no', 'varchar(32)', (col) => exact(col).notNull().unique())
    .addColumn('order_id', 'integer', (col) => col.notNull())
    .addColumn('prepay_id', 'varchar(100)', (col) => col.notNull())
    .addColumn('prepay_expires_at', 'bigint', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('payment_attempt_order_idx').on('payment_attempt').column('order_id').execute();

  await createTable('payment_notification')
    .addColumn(id, 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('transaction_id', 'varchar(64)', (col) => exact(col).notNull().unique())
    .addColumn('out_trade_no', 'varchar(32)', (col) => col.notNull())
    .addColumn('order_id', 'integer')
    .addColumn('total_fee', 'bigint', (col) => col.notNull())
    .addColumn('outcome', 'varchar(20)', (col) => col.notNull())
    .addColumn('received_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('payment_notification_order_idx').on('payment_notification').column('order_id').execute();

  await createTable('refund')
    .addColumn(id, 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('out_refund_no', 'varchar(64)', (col) => exact(col).notNull().unique())
    .addColumn('order_id', 'integer', (col) => col.notNull())
    .addColumn('transaction_id', 'varchar(64)', (col) => col.notNull())
    .addColumn('total_fee', 'bigint', (col) => col.notNull())
    .addColumn('refund_fee', 'bigint', (col) => col.notNull())
    .addColumn('cause', 'varchar(20)', (col) => col.notNull())
    .addColumn('reason', 'varchar(255)', (col) => col.notNull())
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('failure_reason', 'varchar(255)')
    .addColumn('refund_id', 'varchar(64)')
    .addColumn('charged_to_order', 'integer', (col) => col.notNull())
    .addColumn('lease_until', 'bigint')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('refund_order_idx').on('refund').column('order_id').execute();
  await db.schema.createIndex('refund_status_idx').on('refund').columns(['status', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'refund',
    'payment_notification',
    'payment_attempt',
    'order_product',
    'order',
    'third_app',
    'banner_item',
    'banner',
    'theme_product',
    'theme',
    'product_property',
    'product_image',
    'product',
    'category',
    'image',
    'user_address',
    'user',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
