import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';
import { migrateToLatest } from './migrate.js';
import { toNumber } from './rows.js';
import { hashSecret } from '../system/scrypt-secret.verifier.js';
import {
  defaultAdminSecret,
  demoBanner,
  demoCategories,
  demoDetailImages,
  demoImagePaths,
  demoProductProperties,
  demoProducts,
  demoThemes,
} from './seed-data.js';

export class SeedRefused extends Error {
  constructor(products: number) {
    super(`the database already holds ${products} products; demo data is only seeded into an empty shop`);
    this.name = 'SeedRefused';
  }
}

export interface SeedOptions {
  /** The admin app's secret; `ADMIN_APP_SECRET`, else the documented development default. */
  readonly adminSecret?: string;
  /** Creation time of the first product; the others follow a minute apart. */
  readonly now?: Date;
}

/** Writes the demo shop in one transaction; refuses a database that already has products. */
export async function seedDemoData(db: Kysely<DB>, options: SeedOptions = {}): Promise<void> {
  const products = await countProducts(db);
  if (products > 0) throw new SeedRefused(products);
  const secretHash = await hashSecret(options.adminSecret ?? process.env.ADMIN_APP_SECRET ?? defaultAdminSecret);
  const now = (options.now ?? new Date()).getTime();
  await db.transaction().execute(async (trx) => {
    await seedCatalog(trx, now);
    await trx
      .insertInto('third_app')
      .values({ app_id: 'weshop-admin', secret_hash: secretHash, scope: 'super', description: 'CMS' })
      .execute();
  });
}

/** For `npm start` on the embedded database: migrate, and seed when the shop is empty. Returns whether it seeded. */
export async function ensureEmbeddedSeeded(db: Kysely<DB>, options: SeedOptions = {}): Promise<boolean> {
  await migrateToLatest(db);
  if ((await countProducts(db)) > 0) return false;
  await seedDemoData(db, options);
  return true;
}

async function countProducts(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('product')
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow();
  return toNumber(row.count);
}

async function seedCatalog(trx: Transaction<DB>, now: number): Promise<void> {
  let imageId = 0;
  const images: { id: number; url: string; from: number }[] = [];
  const image = (url: string) => {
    images.push({ id: ++imageId, url, from: 1 });
    return imageId;
  };

  const categories = demoCategories.map((category) => ({
    ...category,
    topic_img_id: image(demoImagePaths.category(category.id)),
  }));
  const products = demoProducts.map(([name, price, stock, categoryId, summary], index) => {
    const id = index + 1;
    const mainImgUrl = demoImagePaths.product(id);
    return {
      id,
      name,
      price,
      stock,
      category_id: categoryId,
      main_img_url: mainImgUrl,
      from: 1,
      summary,
      img_id: image(mainImgUrl),
      create_time: now + index * 60_000,
    };
  });
  const productImages = products.flatMap((product) =>
    Array.from({ length: demoDetailImages }, (_, index) => index + 1).map((order) => ({
      product_id: product.id,
      img_id: image(demoImagePaths.detail(product.id, order)),
      display_order: order,
    })),
  );
  const properties = products.flatMap((product) =>
    demoProductProperties.map(([name, detail]) => ({ product_id: product.id, name, detail: detail ?? product.name })),
  );
  const themes = demoThemes.map((theme) => ({
    id: theme.id,
    name: theme.name,
    description: theme.description,
    topic_img_id: image(demoImagePaths.themeTopic(theme.id)),
    head_img_id: image(demoImagePaths.themeHead(theme.id)),
  }));
  const themeProducts = demoThemes.flatMap((theme) =>
    theme.productIds.map((productId, order) => ({ theme_id: theme.id, product_id: productId, display_order: order })),
  );
  const bannerItems = demoBanner.items.map((item, index) => ({
    id: index + 1,
    banner_id: demoBanner.id,
    key_word: item.keyWord,
    type: item.type,
    img_id: image(item.url),
  }));

  await trx.insertInto('image').values(images).execute();
  await trx.insertInto('category').values(categories).execute();
  await trx.insertInto('product').values(products).execute();
  await trx.insertInto('product_image').values(productImages).execute();
  await trx.insertInto('product_property').values(properties).execute();
  await trx.insertInto('theme').values(themes).execute();
  await trx.insertInto('theme_product').values(themeProducts).execute();
  await trx
    .insertInto('banner')
    .values({ id: demoBanner.id, name: demoBanner.name, description: demoBanner.description })
    .execute();
  await trx.insertInto('banner_item').values(bannerItems).execute();
}
