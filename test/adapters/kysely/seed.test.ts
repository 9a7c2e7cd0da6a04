import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  SeedRefused,
  createKyselyAdapters,
  defaultAdminSecret,
  ensureEmbeddedSeeded,
  seedDemoData,
} from '../../../src/adapters/kysely/index.js';
import { ScryptSecretVerifier, verifySecret } from '../../../src/adapters/system/scrypt-secret.verifier.js';
import { SystemClock } from '../../../src/adapters/system/system.clock.js';
import { DEMO_IMAGES_DIR } from '../../../src/config.js';
import { type TestDatabase, describeWithMysql, openMysqlTestDatabase, openSqliteTestDatabase } from '../../support/databases.js';

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
    const { catalog, stock } = createKyselyAdapters(database.db, new SystemClock());
    expect((await catalog.findBanner(1))?.items.length).to.be.at.least(3);
    expect((await catalog.findThemes([1, 2, 3])).map((theme) => theme.id)).to.deep.equal([1, 2, 3]);
    expect((await catalog.findThemeWithProducts(1))?.products.length).to.be.at.least(3);
    expect((await catalog.allCategories()).length).to.be.at.least(5);
    const products = await catalog.recentProducts(100);
    expect(products.length).to.be.within(18, 25);
    for (const product of products) {
      expect(Number.isSafeInteger(product.price) && product.price > 0, `${product.name} price in fen`).to.equal(true);
      expect(product.mainImgUrl, 'a path under the images folder').to.match(/^\/product-\d{2}\.png$/);
      expect(product.mainImgFrom).to.equal(1);
    }
    const detail = await catalog.findProductDetail(products[0]!.id);
    expect(detail?.imgs.length).to.be.greaterThan(0);
    expect(detail?.properties.length).to.be.greaterThan(0);
    expect((await stock.findProducts([1]))[0]?.stock).to.be.greaterThan(0);
  });

  it('holds together: every banner item of type 1 names an existing product, every theme product and image id resolves', async () => {
    await seedDemoData(database.db);
    const { db } = database;
    const { catalog } = createKyselyAdapters(db, new SystemClock());
    const items = await db.selectFrom('banner_item').select(['id', 'key_word', 'type']).execute();
    expect(items.length).to.be.at.least(1);
    for (const item of items.filter((each) => Number(each.type) === 1)) {
      expect(item.key_word, `banner item ${item.id}`).to.match(/^[1-9]\d*$/);
      expect(await catalog.findProductDetail(Number(item.key_word)), `banner item ${item.id} → product ${item.key_word}`).to.not.equal(null);
    }
    const themes = await db.selectFrom('theme').select('id').execute();
    for (const { id } of themes) {
      const listed = await db.selectFrom('theme_product').select('product_id').where('theme_id', '=', id).execute();
      expect(listed.length, `theme ${id} lists products`).to.be.greaterThan(0);
      expect((await catalog.findThemeWithProducts(Number(id)))?.products.length, `theme ${id}: every product it lists exists`).to.equal(listed.length);
    }
    const dangling = [
      ...(await db.selectFrom('category').leftJoin('image', 'image.id', 'category.topic_img_id').select(['category.id', 'image.id as image']).execute()).map((row) => [`category ${row.id}`, row.image]),
      ...(await db.selectFrom('product').leftJoin('image', 'image.id', 'product.img_id').select(['product.id', 'image.id as image']).execute()).map((row) => [`product ${row.id}`, row.image]),
      ...(await db.selectFrom('product_image').leftJoin('image', 'image.id', 'product_image.img_id').select(['product_image.id', 'image.id as image']).execute()).map((row) => [`product_image ${row.id}`, row.image]),
      ...(await db.selectFrom('theme').leftJoin('image', 'image.id', 'theme.topic_img_id').select(['theme.id', 'image.id as image']).execute()).map((row) => [`theme ${row.id} topic`, row.image]),
      ...(await db.selectFrom('theme').leftJoin('image', 'image.id', 'theme.head_img_id').select(['theme.id', 'image.id as image']).execute()).map((row) => [`theme ${row.id} head`, row.image]),
      ...(await db.selectFrom('banner_item').leftJoin('image', 'image.id', 'banner_item.img_id').select(['banner_item.id', 'image.id as image']).execute()).map((row) => [`banner_item ${row.id}`, row.image]),
    ].filter(([, image]) => image === null || image === undefined);
    expect(dangling, 'image ids that name no image').to.deep.equal([]);
  });

  it('has every image of its own (from = 1) in the images folder, as a real PNG; the set well under 1 MB', async () => {
    await seedDemoData(database.db);
    const { db } = database;
    const paths = [
      ...(await db.selectFrom('image').select('url').where('from', '=', 1).execute()).map((row) => row.url),
      ...(await db.selectFrom('product').select('main_img_url as url').where('from', '=', 1).execute()).map((row) => row.url),
    ];
    expect(paths.length).to.be.greaterThan(50);
    const missing = paths.filter((path) => {
      try {
        const bytes = readFileSync(join(DEMO_IMAGES_DIR, path));
        return !bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      } catch {
        return true;
      }
    });
    expect(missing, 'seeded images not in assets/images (npx tsx scripts/make-demo-images.ts)').to.deep.equal([]);
    const total = readdirSync(DEMO_IMAGES_DIR).reduce((sum, name) => sum + statSync(join(DEMO_IMAGES_DIR, name)).size, 0);
    expect(total).to.be.below(512 * 1024);
  });

  it('stores the admin app secret only as a scrypt hash that the verifier accepts', async () => {
    await seedDemoData(database.db, { adminSecret: 'from-test' });
    const app = await createKyselyAdapters(database.db, new SystemClock()).thirdApps.findByAppId('weshop-admin');
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
    const app = await createKyselyAdapters(database.db, new SystemClock()).thirdApps.findByAppId('weshop-admin');
    expect(await verifySecret(process.env.ADMIN_APP_SECRET ?? defaultAdminSecret, app!.secretHash)).to.equal(true);
  });
}

describe('demo seed on SQLite', () => seedSuite(() => openSqliteTestDatabase()));
describeWithMysql('demo seed on MySQL', (url) => seedSuite(() => openMysqlTestDatabase(url, { poolSize: 2 })));
