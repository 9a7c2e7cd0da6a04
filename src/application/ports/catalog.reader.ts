import type { Fen } from '../../domain/index.js';

/**
 * Where an image lives, zerg's `from`: 1 a file of this shop, `url` its path under the images
 * folder (`/banner-1a.png`); 2 a full URL elsewhere, shown as stored.
 */
export type ImageFrom = 1 | 2;

/** Read models of the shop window, shaped as the zerg clients read them; prices in fen. */
export interface ImageRef {
  readonly url: string;
  readonly from: ImageFrom;
}

export interface CatalogProduct {
  readonly id: number;
  readonly name: string;
  readonly price: Fen;
  readonly stock: number;
  readonly categoryId: number;
  readonly mainImgUrl: string;
  readonly mainImgFrom: ImageFrom;
  readonly summary: string;
  readonly imgId: number | null;
  readonly createTime: Date;
}

export interface ProductDetail extends CatalogProduct {
  readonly imgs: { readonly imgUrl: ImageRef; readonly order: number }[];
  readonly properties: { readonly name: string; readonly detail: string }[];
}

export interface Banner {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly items: { readonly id: number; readonly keyWord: string; readonly type: number; readonly img: ImageRef }[];
}

export interface Theme {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly topicImg: ImageRef;
  readonly headImg: ImageRef;
}

export interface ThemeWithProducts extends Theme {
  readonly products: CatalogProduct[];
}

export interface Category {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly img: ImageRef;
}

export const CatalogReader = Symbol('CatalogReader');
export interface CatalogReader {
  findBanner(id: number): Promise<Banner | null>;
  /** Themes in the order of `ids`; unknown ids are left out. */
  findThemes(ids: readonly number[]): Promise<Theme[]>;
  findThemeWithProducts(id: number): Promise<ThemeWithProducts | null>;
  /** Newest first. Deleted products never appear. */
  recentProducts(count: number): Promise<CatalogProduct[]>;
  productsByCategory(categoryId: number): Promise<CatalogProduct[]>;
  findProductDetail(id: number): Promise<ProductDetail | null>;
  allCategories(): Promise<Category[]>;
}
