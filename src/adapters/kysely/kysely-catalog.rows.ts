import type { Selectable } from 'kysely';
import type { CatalogProduct, ImageFrom, ImageRef, Theme } from '../../application/index.js';
import type { ProductTable } from './catalog-tables.js';
import { toDate, toNullableNumber, toNumber } from './rows.js';

/** What the catalog reads of a product, and how it becomes the shop window's product. */
export type ProductRow = Pick<
  Selectable<ProductTable>,
  'id' | 'name' | 'price' | 'stock' | 'category_id' | 'main_img_url' | 'from' | 'summary' | 'img_id' | 'create_time'
>;

export const productColumns = [
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

export interface ThemeRow {
  id: number;
  name: string;
  description: string;
  topic_url: string | null;
  topic_from: number | null;
  head_url: string | null;
  head_from: number | null;
}

export function toTheme(row: ThemeRow): Theme {
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

export function imageRef(url: string | null, from: number | null): ImageRef {
  return { url: url ?? '', from: imageFrom(from) };
}

export function toProduct(row: ProductRow): CatalogProduct {
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
