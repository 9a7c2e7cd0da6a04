import type { Kysely } from 'kysely';

/**
 * Each order remembers whether its stock was reserved when it was placed (STOCK_POLICY=on_order),
 * so paying or closing it moves stock by the policy it was placed under, not today's setting.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('order').addColumn('stock_reserved', 'smallint', (col) => col.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('order').dropColumn('stock_reserved').execute();
}
