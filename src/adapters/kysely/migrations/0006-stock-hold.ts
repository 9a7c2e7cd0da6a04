import type { Kysely } from 'kysely';

/**
 * Admission under STOCK_POLICY=on_payment: `product.held` counts the units promised to unpaid
 * orders' live prepays, and `stock_hold` names each promise (one row per order and product, its
 * count and the end of the order's pay window). A promise ends by deleting its row, and whoever
 * deletes the row moves `held` in the same transaction, so `held` is always the sum of the rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('product').addColumn('held', 'integer', (col) => col.notNull().defaultTo(0)).execute();
  await db.schema
    .createTable('stock_hold')
    .addColumn('order_id', 'integer', (col) => col.notNull())
    .addColumn('product_id', 'integer', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('stock_hold_pk', ['order_id', 'product_id'])
    .execute();
  // Lapsed holds of one product, found when a buyer would otherwise be refused.
  await db.schema.createIndex('stock_hold_product_expiry_idx').on('stock_hold').columns(['product_id', 'expires_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('stock_hold').execute();
  await db.schema.alterTable('product').dropColumn('held').execute();
}
