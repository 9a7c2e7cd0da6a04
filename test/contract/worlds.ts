import type { Kysely } from 'kysely';
import type {
  AddressBook,
  Banner,
  CatalogReader,
  Category,
  ImageFrom,
  ImageRef,
  OrderRepository,
  OrderSettlementQueue,
  OrderTradeLog,
  Outbox,
  PaymentNotificationLog,
  RefundRepository,
  ShipmentRepository,
  StockGateway,
  SubscribeConsents,
  Theme,
  ThirdApp,
  ThirdAppRepository,
  UnitOfWork,
  UserRepository,
} from '../../src/application/index.js';
import type { Product } from '../../src/domain/index.js';
import { FixedClock } from '../../src/adapters/fakes/fixed.clock.js';
import { type DB, createKyselyAdapters } from '../../src/adapters/kysely/index.js';
import { MemoryDatabase, createMemoryAdapters } from '../../src/adapters/memory/index.js';

/** What the shop window knows of a product beyond ordering. */
export interface ProductExtras {
  readonly deleted?: boolean;
  readonly categoryId?: number;
  readonly summary?: string;
  readonly imgId?: number | null;
  /** Where the main image lives; 1 (a file of the shop) unless said. */
  readonly mainImgFrom?: ImageFrom;
  readonly createTime?: Date;
  readonly imgs?: { url: string; from: ImageFrom; order: number }[];
  readonly properties?: { name: string; detail: string }[];
}

/**
 * Every port of one backend, plus the few ways a contract test arranges data the ports cannot
 * write themselves (products, catalog, third apps). Memory and Kysely implement it alike.
 */
export interface World {
  readonly orders: OrderRepository;
  readonly stock: StockGateway;
  readonly notifications: PaymentNotificationLog;
  readonly unitOfWork: UnitOfWork;
  readonly addresses: AddressBook;
  readonly users: UserRepository;
  readonly catalog: CatalogReader;
  readonly thirdApps: ThirdAppRepository;
  readonly refunds: RefundRepository;
  readonly settlementQueue: OrderSettlementQueue;
  readonly shipments: ShipmentRepository;
  readonly outbox: Outbox;
  readonly consents: SubscribeConsents;
  readonly tradeLog: OrderTradeLog;
  /** The clock the repositories stamp their rows with. */
  readonly clock: FixedClock;
  /** What a table records of a row's own last change: `update_time` of an order or a user's address, `create_time` of a user. */
  rowTime(row: RowTime, id: number): Promise<Date | undefined>;
  addProduct(product: Product, extras?: ProductExtras): Promise<void>;
  stockOf(productId: number): Promise<number | undefined>;
  /** What a product's held counter says, and the sum of its hold rows (lapsed ones included until released). */
  heldOf(productId: number): Promise<{ held: number; rows: number }>;
  /** Sets a product's stock as a shop owner editing it would. */
  setStock(productId: number, stock: number): Promise<void>;
  addCategory(category: Category): Promise<void>;
  addTheme(theme: Theme, productIds: number[]): Promise<void>;
  addBanner(banner: Banner): Promise<void>;
  addThirdApp(app: ThirdApp): Promise<void>;
}

export type RowTime = 'order updated' | 'address updated' | 'user created';

/** A fresh, empty world per call: the contract suites call it in `beforeEach`. */
export type WorldFactory = () => Promise<World>;

export function memoryWorld(db = new MemoryDatabase()): World {
  const clock = new FixedClock();
  // Read db.state each time: a rolled-back transaction replaces the whole object.
  return {
    ...createMemoryAdapters(db, clock),
    clock,
    async rowTime(row, id) {
      const { orderUpdated, addressUpdated, userCreated } = db.state.rowTimes;
      return { 'order updated': orderUpdated, 'address updated': addressUpdated, 'user created': userCreated }[row].get(id);
    },
    async addProduct(product, extras = {}) {
      db.addProduct(product, extras.deleted ?? false, {
        ...(extras.categoryId !== undefined ? { categoryId: extras.categoryId } : {}),
        ...(extras.summary !== undefined ? { summary: extras.summary } : {}),
        ...(extras.imgId !== undefined ? { imgId: extras.imgId } : {}),
        ...(extras.mainImgFrom !== undefined ? { mainImgFrom: extras.mainImgFrom } : {}),
        ...(extras.createTime !== undefined ? { createTime: extras.createTime } : {}),
        imgs: (extras.imgs ?? []).map(({ url, from, order }) => ({ imgUrl: { url, from }, order })),
        properties: extras.properties ?? [],
      });
    },
    async stockOf(productId) {
      return db.state.products.get(productId)?.stock;
    },
    async heldOf(productId) {
      const rows = [...db.state.holds.values()].filter((hold) => hold.productId === productId).reduce((sum, hold) => sum + hold.count, 0);
      return { held: rows, rows };
    },
    async setStock(productId, stock) {
      const product = db.state.products.get(productId);
      if (product) db.state.products.set(productId, { ...product, stock });
    },
    async addCategory(category) {
      db.state.categories.set(category.id, structuredClone(category));
    },
    async addTheme(theme, productIds) {
      db.state.themes.set(theme.id, { ...structuredClone(theme), productIds });
    },
    async addBanner(banner) {
      db.state.banners.set(banner.id, structuredClone(banner));
    },
    async addThirdApp(app) {
      db.state.thirdApps.set(app.appId, { ...app });
    },
  };
}

export function kyselyWorld(db: Kysely<DB>): World {
  const clock = new FixedClock();
  const adapters = createKyselyAdapters(db, clock);
  const image = async ({ url, from }: ImageRef): Promise<number> => {
    const result = await db.insertInto('image').values({ url, from }).executeTakeFirstOrThrow();
    return Number(result.insertId);
  };
  return {
    ...adapters,
    clock,
    async rowTime(row, id) {
      const found =
        row === 'order updated'
          ? await db.selectFrom('order').select('update_time as time').where('id', '=', id).executeTakeFirst()
          : row === 'address updated'
            ? await db.selectFrom('user_address').select('update_time as time').where('user_id', '=', id).executeTakeFirst()
            : await db.selectFrom('user').select('create_time as time').where('id', '=', id).executeTakeFirst();
      return found ? new Date(Number(found.time)) : undefined;
    },
    async addProduct(product, extras = {}) {
      await db
        .insertInto('product')
        .values({
          id: product.id,
          name: product.name,
          price: product.price,
          stock: product.stock,
          main_img_url: product.mainImgUrl,
          category_id: extras.categoryId ?? 0,
          summary: extras.summary ?? '',
          img_id: extras.imgId ?? null,
          from: extras.mainImgFrom ?? 1,
          delete_time: extras.deleted ? Date.now() : null,
          create_time: (extras.createTime ?? new Date(0)).getTime(),
        })
        .execute();
      for (const { url, from, order } of extras.imgs ?? []) {
        await db.insertInto('product_image').values({ product_id: product.id, img_id: await image({ url, from }), display_order: order }).execute();
      }
      for (const property of extras.properties ?? []) {
        await db.insertInto('product_property').values({ product_id: product.id, ...property }).execute();
      }
    },
    async stockOf(productId) {
      const row = await db.selectFrom('product').select('stock').where('id', '=', productId).executeTakeFirst();
      return row ? Number(row.stock) : undefined;
    },
    async heldOf(productId) {
      const product = await db.selectFrom('product').select('held').where('id', '=', productId).executeTakeFirstOrThrow();
      const rows = await db.selectFrom('stock_hold').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('count'), eb.lit(0)).as('n')).where('product_id', '=', productId).executeTakeFirstOrThrow();
      return { held: Number(product.held), rows: Number(rows.n) };
    },
    async setStock(productId, stock) {
      await db.updateTable('product').set({ stock }).where('id', '=', productId).execute();
    },
    async addCategory(category) {
      const topic = await image(category.img);
      await db
        .insertInto('category')
        .values({ id: category.id, name: category.name, description: category.description, topic_img_id: topic })
        .execute();
    },
    async addTheme(theme, productIds) {
      await db
        .insertInto('theme')
        .values({
          id: theme.id,
          name: theme.name,
          description: theme.description,
          topic_img_id: await image(theme.topicImg),
          head_img_id: await image(theme.headImg),
        })
        .execute();
      for (const [order, productId] of productIds.entries()) {
        await db.insertInto('theme_product').values({ theme_id: theme.id, product_id: productId, display_order: order }).execute();
      }
    },
    async addBanner(banner) {
      await db.insertInto('banner').values({ id: banner.id, name: banner.name, description: banner.description }).execute();
      for (const item of banner.items) {
        await db
          .insertInto('banner_item')
          .values({ id: item.id, banner_id: banner.id, key_word: item.keyWord, type: item.type, img_id: await image(item.img) })
          .execute();
      }
    },
    async addThirdApp(app) {
      await db
        .insertInto('third_app')
        .values({ id: app.id, app_id: app.appId, secret_hash: app.secretHash, scope: app.scope, description: '' })
        .execute();
    },
  };
}
