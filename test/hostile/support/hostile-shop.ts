import { pino } from 'pino';
import { hashSecret } from '../../../src/adapters/system/scrypt-secret.verifier.js';
import { TokenStore } from '../../../src/application/index.js';
import type { ProductionResources } from '../../../src/composition/index.js';
import { loadConfig } from '../../../src/config.js';
import { type RealShop, type RealShopOptions, startRealShop } from '../../support/shop.js';
import { type Snapshot, takeSnapshot } from './snapshot.js';

export { API } from '../../support/shopper.js';

/** A product soft-deleted from the catalogue, with stock left: it must not be orderable. */
export const DELETED_PRODUCT_ID = 900;
/** A product with nothing left. */
export const EMPTY_PRODUCT_ID = 901;

export interface HostileShop extends RealShop {
  /** Every log line so far, as pino wrote it (JSON). */
  readonly logs: string[];
  snapshot(): Promise<Snapshot>;
  /** Tokens this shop has issued so far. */
  tokenCount(): Promise<number>;
  orderStatus(orderId: number): Promise<number>;
}

/**
 * A real shop (`startRealShop`, its own sandbox seeded `hostile`) logging at info into `logs`,
 * counting the tokens it issues, with the hostile fixtures beside the demo catalogue and the
 * database at hand for snapshots. `options.override` replaces a port (where a fault is injected).
 */
export async function startHostileShop(databaseUrl: string, redisUrl: string, options: RealShopOptions = {}): Promise<HostileShop> {
  const env = { LOG_LEVEL: 'info', ...options.env };
  // Logs are kept, not printed: cases read the reason a developer would find there, and check no secret is.
  const logs: string[] = [];
  const logger = pino({ level: loadConfig(env).logLevel }, { write: (line: string) => void logs.push(line) });
  // Tokens are counted as this shop issues them: Redis is shared with other runs, so its key count is not ours.
  let issued = 0;
  const shop = await startRealShop(databaseUrl, redisUrl, {
    ...options,
    env,
    logger,
    sandbox: { seed: 'hostile', ...options.sandbox },
    override(container, parts) {
      const store = container.get<TokenStore>(TokenStore);
      container.rebind(TokenStore).toConstantValue({
        issue: async (identity, ttlSeconds) => {
          const token = await store.issue(identity, ttlSeconds);
          issued++;
          return token;
        },
        verify: (token) => store.verify(token),
        revoke: (token) => store.revoke(token),
      } satisfies TokenStore);
      options.override?.(container, parts);
    },
  });
  try {
    await addFixtures(shop.resources);
  } catch (error) {
    await shop.close();
    throw error;
  }
  const tokenCount = async (): Promise<number> => issued;
  const { db } = shop.resources.database;
  return {
    ...shop,
    logs,
    tokenCount,
    snapshot: () => takeSnapshot(db, tokenCount),
    async orderStatus(orderId) {
      const row = await db.selectFrom('order').select('status').where('id', '=', orderId).executeTakeFirstOrThrow();
      return Number(row.status);
    },
  };
}

/** A deleted product and a sold-out one beside the demo catalogue, and a CMS app of this run's own. */
async function addFixtures(resources: ProductionResources): Promise<void> {
  const { db } = resources.database;
  const product = (id: number, stock: number, deleted: boolean) => ({
    id,
    name: `fixture ${id}`,
    price: 100,
    stock,
    category_id: 1,
    main_img_url: 'https://img.example/fixture.png',
    from: 2,
    summary: '',
    img_id: null,
    delete_time: deleted ? Date.now() : null,
    create_time: Date.now(),
  });
  await db.insertInto('product').values([product(DELETED_PRODUCT_ID, 50, true), product(EMPTY_PRODUCT_ID, 0, false)]).execute();
  await db
    .insertInto('third_app')
    .values({ app_id: LOCKOUT_APP.ac, secret_hash: await hashSecret(LOCKOUT_APP.se), scope: 'super', description: 'lockout target' })
    .execute();
}

/** Another super app, whose failure counter the lockout cases may exhaust; unique per run, as Redis remembers. */
export const LOCKOUT_APP = { ac: `hostile-${process.pid}-${Date.now().toString(36)}`, se: 'a secret for the lockout case' };
