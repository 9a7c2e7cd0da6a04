import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { DB } from './schema.js';
import * as initialSchema from './migrations/0001-initial-schema.js';
import * as orderStockReserved from './migrations/0002-order-stock-reserved.js';
import * as wechatPayCertificates from './migrations/0003-wechat-pay-certificates.js';
import * as delivery from './migrations/0004-delivery.js';
import * as orderStatusIndex from './migrations/0005-order-status-index.js';
import * as stockHold from './migrations/0006-stock-hold.js';

/** Migrations live in code (no directory scan), so the same list runs from tsx, a build, or a test. */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-initial-schema': initialSchema,
  '0002-order-stock-reserved': orderStockReserved,
  '0003-wechat-pay-certificates': wechatPayCertificates,
  '0004-delivery': delivery,
  '0005-order-status-index': orderStatusIndex,
  '0006-stock-hold': stockHold,
};

const provider: MigrationProvider = { getMigrations: async () => ({ ...migrations }) };

/** Brings the schema to the newest migration; throws the first migration error. */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((result) => result.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error : new Error(String(error ?? `migration ${failed?.migrationName} failed`));
    throw cause;
  }
  return results.map((result) => result.migrationName);
}
