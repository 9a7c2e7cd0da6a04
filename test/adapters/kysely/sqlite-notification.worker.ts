/**
 * One thread of the multi-connection SQLite race: its own connection to the shared file, the real
 * HandlePaymentNotification, and its share of the notifications fired at once when the main thread says go.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../../src/adapters/kysely/index.js';
import type { VerifiedPaymentNotification } from '../../../src/application/index.js';
import { kyselyWorld } from '../../contract/worlds.js';
import { composeShop } from '../../support/shop.js';

interface Job {
  readonly path: string;
  readonly notifications: VerifiedPaymentNotification[];
}

const { path, notifications } = workerData as Job;
const database = await openDatabase(path);
const handle = composeShop(kyselyWorld(database.db)).handlePaymentNotification;
parentPort?.postMessage({ ready: true });
parentPort?.once('message', async () => {
  const outcomes = await Promise.all(
    notifications.map((notification) =>
      handle.execute(notification).then(
        (result) => result.outcome,
        (error: unknown) => `ERROR ${(error as { code?: string }).code ?? String(error)}`,
      ),
    ),
  );
  await database.close();
  parentPort?.postMessage({ outcomes });
});
