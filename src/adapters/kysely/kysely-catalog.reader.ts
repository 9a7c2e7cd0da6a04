import type { Kysely, Selectable } from 'kysely';
import type {
  Banner,
  CatalogProduct,
  CatalogReader,
  Category,
  ImageFrom,
  ImageRef,
  ProductDetail,
  Theme,
  ThemeWithProducts,
} from '../../application/index.js';
import type { DB, ProductTable } from './schema.js';
import { toDate, toNullableNumber, toNumber } from './rows.js';

type ProductRow = Pick<
  Selectable<ProductTable>,
  'id' | 'name' | 'price' | 'stock' | 'category_id' | 'main_img_url' | 'from' | 'summary' | 'img_id' | 'create_time'
>;

const productColumns = [
  'product.id',
  'product.name',
  'product.price',
  'product.stock',
  'product.category_id',
  'product.main_img_url',
  'product.from',
  'product.summary',
  'product.img_id',
  'product.create_time',
] as const;

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
    const rows = await this.db
      .selectFrom('product')
      .select(productColumns)
      .where('delete_time', 'is', null)
      .orderBy('create_time', 'desc')
      .orderBy('id', 'desc')
      .limit(count)
      .execute();
    return rows.map(toProduct);
  }

  async productsByCategory(categoryId: number): Promise<CatalogProduct[]> {
    const rows = await this.db
      .selectFrom('product')
      .select(productColumns)
      .where('category_id', '=', categoryId)
      .where('delete_time', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map(toProduct);
  }

  async findProductDetail(id: number): Promise<ProductDetail | null> {
    const row = await this.db
      .selectFrom('product')
      .select(productColumns)
      .where('id', '=', id)
      .where('delete_time', 'is', null)
      .executeTakeFirst();
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

interface ThemeRow {
  id: number;
  name: string;
  description: string;
  topic_url: string | null;
  topic_from: number | null;
  head_url: string | null;
  head_from: number | null;
}

function toTheme(row: ThemeRow): Theme {
  return {
    id: toNumber(row.id),
    name: row.name,
    description: row.description,
    topicImg: imageRef(row.topic_url, row.topic_from),
    headImg: imageRef(row.head_url, row.head_from),
  };
}

/** zerg prefixed only `from = 1`; any other value was shown as stored. A missing image row reads as an empty url. */
function imageFrom(from: number | null): ImageFrom {
  return from !== null && toNumber(from) === 1 ? 1 : 2;
}

function imageRef(url: string | null, from: number | null): ImageRef {
  return { url: url ?? '', from: imageFrom(from) };
}

function toProduct(row: ProductRow): CatalogProduct {
  return {
    id: toNumber(row.id),
    name: row.name,
    price: toNumber(row.price),
    stock: toNumber(row.stock),
    categoryId: toNumber(row.category_id),
    mainImgUrl: row.main_img_url,
    mainImgFrom: imageFrom(row.from),
    summary: row.summary,
    imgId: toNullableNumber(row.img_id),
    createTime: toDate(row.create_time),
  };
}
