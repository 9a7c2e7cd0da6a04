import { type Kysely, MysqlAdapter, sql } from 'kysely';

/**
 * WeChat Pay v3 platform certificates, downloaded by one instance and trusted by all (platform-
 * certificate mode, when Redis is not configured): one row per merchant and WeChat host.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const mysql = db.getExecutor().adapter instanceof MysqlAdapter;
  const builder = db.schema.createTable('wechat_pay_certificates');
  await (mysql ? builder.modifyEnd(sql`default character set utf8mb4 collate utf8mb4_bin`) : builder)
    .addColumn('store_key', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('snapshot', 'text', (col) => col.notNull())
    .addColumn('downloaded_at', 'bigint', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('wechat_pay_certificates').execute();
}
