import type { Kysely } from 'kysely';
import type { Banner, CatalogProduct, CatalogReader, Category, ProductDetail, Theme, ThemeWithProducts } from '../../application/index.js';
import { imageRef, productColumns, toProduct, toTheme } from './kysely-catalog.rows.js';
import type { DB } from './schema.js';
import { toNumber } from './rows.js';

export class KyselyCatalogReader implements CatalogReader {
  constructor(private readonly db: Kysely<DB>) {}

  async findBanner(id: number): Promise<Banner | null> {
    const banner = await this.db
      .selectFrom('banner')
      .select(['id', 'name', 'description'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!banner) return null;
    const items = await this.db
      .selectFrom('banner_item')
      .leftJoin('image', 'image.id', 'banner_item.img_id')
      .select(['banner_item.id', 'banner_item.key_word', 'banner_item.type', 'image.url', 'image.from'])
      .where('banner_item.banner_id', '=', id)
      .orderBy('banner_item.id')
      .execute();
    return {
      id: toNumber(banner.id),
      name: banner.name,
      description: banner.description,
      items: items.map((item) => ({
        id: toNumber(item.id),
        keyWord: item.key_word,
        type: toNumber(item.type),
        img: imageRef(item.url, item.from),
      })),
    };
  }

  async findThemes(ids: readonly number[]): Promise<Theme[]> {
    if (ids.length === 0) return [];
    const themes = await this.themeQuery().where('theme.id', 'in', [...ids]).execute();
    const byId = new Map(themes.map((row) => [toNumber(row.id), toTheme(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async findThemeWithProducts(id: number): Promise<ThemeWithProducts | null> {
    const row = await this.themeQuery().where('theme.id', '=', id).executeTakeFirst();
    if (!row) return null;
    const products = await this.db
      .selectFrom('theme_product')
      .innerJoin('product', 'product.id', 'theme_product.product_id')
      .select(productColumns)
      .where('theme_product.theme_id', '=', id)
      .where('product.delete_time', 'is', null)
      .orderBy('theme_product.display_order')
      .orderBy('product.id')
      .execute();
    return { ...toTheme(row), products: products.map(toProduct) };
  }

  async recentProducts(count: number): Promise<CatalogProduct[]> {
    const rows = await this.shownProducts()
      .orderBy('create_time', 'desc')
      .orderBy('id', 'desc')
      .limit(count)
      .execute();
    return rows.map(toProduct);
  }

  async productsByCategory(categoryId: number): Promise<CatalogProduct[]> {
    const rows = await this.shownProducts().where('category_id', '=', categoryId).orderBy('id').execute();
    return rows.map(toProduct);
  }

  async findProductDetail(id: number): Promise<ProductDetail | null> {
    const row = await this.shownProducts().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const [imgs, properties] = await Promise.all([
      this.db
        .selectFrom('product_image')
        .innerJoin('image', 'image.id', 'product_image.img_id')
        .select(['image.url', 'image.from', 'product_image.display_order'])
        .where('product_image.product_id', '=', id)
        .orderBy('product_image.display_order')
        .orderBy('product_image.id')
        .execute(),
      this.db
        .selectFrom('product_property')
        .select(['name', 'detail'])
        .where('product_id', '=', id)
        .orderBy('id')
        .execute(),
    ]);
    return {
      ...toProduct(row),
      imgs: imgs.map((img) => ({ imgUrl: imageRef(img.url, img.from), order: toNumber(img.display_order) })),
      properties: properties.map((property) => ({ name: property.name, detail: property.detail })),
    };
  }

  async allCategories(): Promise<Category[]> {
    const rows = await this.db
      .selectFrom('category')
      .leftJoin('image', 'image.id', 'category.topic_img_id')
      .select(['category.id', 'category.name', 'category.description', 'image.url', 'image.from'])
      .orderBy('category.id')
      .execute();
    return rows.map((row) => ({
      id: toNumber(row.id),
      name: row.name,
      description: row.description,
      img: imageRef(row.url, row.from),
    }));
  }

  /** Products the shop window shows: not deleted. */
  private shownProducts() {
    return this.db.selectFrom('product').select(productColumns).where('delete_time', 'is', null);
  }

  private themeQuery() {
    return this.db
      .selectFrom('theme')
      .leftJoin('image as topic', 'topic.id', 'theme.topic_img_id')
      .leftJoin('image as head', 'head.id', 'theme.head_img_id')
      .select([
        'theme.id',
        'theme.name',
        'theme.description',
        'topic.url as topic_url',
        'topic.from as topic_from',
        'head.url as head_url',
        'head.from as head_from',
      ]);
  }
}
