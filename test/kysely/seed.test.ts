import { expect } from 'chai';
import {
  SeedRefused,
  createKyselyAdapters,
  defaultAdminSecret,
  ensureEmbeddedSeeded,
  seedDemoData,
  verifySecret,
} from '../../src/adapters/kysely/index.js';
import { ScryptSecretVerifier } from '../../src/adapters/system/scrypt-secret.verifier.js';
import { type TestDatabase, describeWithMysql, openMysqlTestDatabase, openSqliteTestDatabase } from '../support/databases.js';

function seedSuite(open: () => Promise<TestDatabase>): void {
  let database: TestDatabase;
  before(async () => {
    database = await open();
  });
  after(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.clean();
  });

  it('seeds a shop the catalog can show: banner 1, themes 1-3, categories, ~20 products with images and properties', async () => {
    await seedDemoData(database.db, { adminSecret: 'from-test' });
    const { catalog, stock } = createKyselyAdapters(database.db);
    expect((await catalog.findBanner(1))?.items.length).to.be.at.least(3);
    expect((await catalog.findThemes([1, 2, 3])).map((theme) => theme.id)).to.deep.equal([1, 2, 3]);
    expect((await catalog.findThemeWithProducts(1))?.products.length).to.be.at.least(3);
    expect((await catalog.allCategories()).length).to.be.at.least(5);
    const products = await catalog.recentProducts(100);
    expect(products.length).to.be.within(18, 25);
    for (const product of products) {
      expect(Number.isSafeInteger(product.price) && product.price > 0, `${product.name} price in fen`).to.equal(true);
      expect(product.mainImgUrl).to.match(/^\/images\//);
    }
    const detail = await catalog.findProductDetail(products[0]!.id);
    expect(detail?.imgs.length).to.be.greaterThan(0);
    expect(detail?.properties.length).to.be.greaterThan(0);
    expect((await stock.findProducts([1]))[0]?.stock).to.be.greaterThan(0);
  });

  it('stores the admin app secret only as a scrypt hash that the verifier accepts', async () => {
    await seedDemoData(database.db, { adminSecret: 'from-test' });
    const app = await createKyselyAdapters(database.db).thirdApps.findByAppId('weshop-admin');
    expect(app?.scope).to.equal('super');
    expect(app?.secretHash).to.match(/^scrypt\$[^$]+\$[^$]+$/);
    expect(app?.secretHash).to.not.include('from-test');
    expect(await verifySecret('from-test', app!.secretHash)).to.equal(true);
    expect(await verifySecret('wrong', app!.secretHash)).to.equal(false);
    expect(await new ScryptSecretVerifier().verify('from-test', app!.secretHash)).to.equal(true);
  });

  it('refuses to seed a shop that already has products', async () => {
    await seedDemoData(database.db);
    const error = await seedDemoData(database.db).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(SeedRefused);
  });

  it('seeds the embedded shop once: only when it is empty', async () => {
    expect(await ensureEmbeddedSeeded(database.db)).to.equal(true);
    expect(await ensureEmbeddedSeeded(database.db)).to.equal(false);
    const app = await createKyselyAdapters(database.db).thirdApps.findByAppId('weshop-admin');
    expect(await verifySecret(process.env.ADMIN_APP_SECRET ?? defaultAdminSecret, app!.secretHash)).to.equal(true);
  });
}

describe('demo seed on SQLite', () => seedSuite(() => openSqliteTestDatabase()));
describeWithMysql('demo seed on MySQL', (url) => seedSuite(() => openMysqlTestDatabase(url, { poolSize: 2 })));
