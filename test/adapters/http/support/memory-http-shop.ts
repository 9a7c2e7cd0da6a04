import type { HttpDeps } from '../../../../src/adapters/http/http.deps.js';
import { MemoryDatabase } from '../../../../src/adapters/memory/memory.database.js';
import { memoryWorld } from '../../../contract/worlds.js';
import { composeShop, serveHttp } from '../../../support/shop.js';
import { Shopper } from '../../../support/shopper.js';
import { CMS_APP, seedCatalog } from './catalog-fixture.js';

export { API } from '../../../support/shopper.js';
export { IMAGE_BASE } from '../../../support/shop.js';

/** The HTTP app on memory adapters over the small catalogue (`seedCatalog`), on a free loopback port. */
export async function startMemoryHttpShop(deps: Partial<HttpDeps> = {}) {
  const db = new MemoryDatabase();
  await seedCatalog(db);
  const shop = composeShop(memoryWorld(db));
  const served = await serveHttp(shop, deps);
  return {
    ...served,
    db,
    container: shop.container,
    clock: shop.clock,
    gateway: shop.gateway,
    /** Logs in with the code as given (`openid-<code>`); its super token is the catalogue's CMS app's. */
    shopper: new Shopper(served.http, { codeFor: (code) => code, app: CMS_APP }),
  };
}

export type MemoryHttpShop = Awaited<ReturnType<typeof startMemoryHttpShop>>;
