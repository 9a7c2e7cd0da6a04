/**
 * `npm run db:seed`: migrates the database named by DATABASE_URL (default ./data/weshop.sqlite) and
 * writes the demo shop; refuses when products already exist. The admin app's secret is
 * ADMIN_APP_SECRET, else the development default printed below.
 */
import { SeedRefused, defaultAdminSecret, migrateToLatest, openDatabase, seedDemoData } from '../src/adapters/kysely/index.js';

const url = process.env.DATABASE_URL ?? './data/weshop.sqlite';
const database = await openDatabase(url);
try {
  await migrateToLatest(database.db);
  await seedDemoData(database.db);
  const secret = process.env.ADMIN_APP_SECRET ? 'from ADMIN_APP_SECRET' : `"${defaultAdminSecret}" (development default)`;
  console.log(`seeded the demo shop into ${database.dialect}; admin app id "weshop-admin", secret ${secret}`);
} catch (error) {
  if (error instanceof SeedRefused) console.error(`not seeded: ${error.message}`);
  else console.error('seeding failed:', error);
  process.exitCode = 1;
} finally {
  await database.close();
}
