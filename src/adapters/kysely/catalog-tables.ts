import type { Generated } from 'kysely';

/** The catalogue's tables, as zerg laid them out; times are BIGINT millis like every other table's. */
type Millis = number;
type Id = Generated<number>;

export interface ImageTable {
  id: Id;
  url: string;
  /** 1: served by this shop, 2: a remote address (zerg's meaning). */
  from: number;
}

export interface CategoryTable {
  id: Id;
  name: string;
  description: string;
  topic_img_id: number | null;
}

export interface ProductTable {
  id: Id;
  name: string;
  price: number;
  stock: number;
  /** Units promised to live holds (the sum of `stock_hold.count` for the product). */
  held: Generated<number>;
  category_id: number;
  main_img_url: string;
  from: number;
  summary: string;
  img_id: number | null;
  delete_time: Millis | null;
  create_time: Millis;
}

export interface ProductImageTable {
  id: Id;
  product_id: number;
  img_id: number;
  display_order: number;
}

export interface ProductPropertyTable {
  id: Id;
  product_id: number;
  name: string;
  detail: string;
}

export interface ThemeTable {
  id: Id;
  name: string;
  description: string;
  topic_img_id: number | null;
  head_img_id: number | null;
}

export interface ThemeProductTable {
  theme_id: number;
  product_id: number;
  display_order: number;
}

export interface BannerTable {
  id: Id;
  name: string;
  description: string;
}

export interface BannerItemTable {
  id: Id;
  banner_id: number;
  img_id: number;
  key_word: string;
  type: number;
}

export interface CatalogTables {
  image: ImageTable;
  category: CategoryTable;
  product: ProductTable;
  product_image: ProductImageTable;
  product_property: ProductPropertyTable;
  theme: ThemeTable;
  theme_product: ThemeProductTable;
  banner: BannerTable;
  banner_item: BannerItemTable;
}
