/** `npm run db:migrate`: brings the database named by DATABASE_URL (default ./data/weshop.sqlite) to the newest schema. */
import { migrateToLatest, openDatabase } from '../src/adapters/kysely/index.js';

const url = process.env.DATABASE_URL ?? './data/weshop.sqlite';
const database = await openDatabase(url);
try {
  const applied = await migrateToLatest(database.db);
  console.log(applied.length > 0 ? `migrated ${database.dialect}: ${applied.join(', ')}` : `${database.dialect} schema is up to date`);
} catch (error) {
  console.error('migration failed:', error);
  process.exitCode = 1;
} finally {
  await database.close();
}
