import type {
  Banner,
  CatalogProduct,
  CatalogReader,
  Category,
  ProductDetail,
  Theme,
  ThemeWithProducts,
} from '../../application/index.js';
import type { MemoryDatabase } from './memory.database.js';

export class MemoryCatalogReader implements CatalogReader {
  constructor(private readonly db: MemoryDatabase) {}

  async findBanner(id: number): Promise<Banner | null> {
    return structuredClone(this.db.state.banners.get(id) ?? null);
  }

  async findThemes(ids: readonly number[]): Promise<Theme[]> {
    return ids.flatMap((id) => {
      const theme = this.db.state.themes.get(id);
      if (!theme) return [];
      const { productIds: _productIds, ...plain } = theme;
      return [structuredClone(plain)];
    });
  }

  async findThemeWithProducts(id: number): Promise<ThemeWithProducts | null> {
    const theme = this.db.state.themes.get(id);
    if (!theme) return null;
    const { productIds, ...plain } = theme;
    const products = productIds.flatMap((productId) => this.product(productId) ?? []);
    return { ...structuredClone(plain), products };
  }

  async recentProducts(count: number): Promise<CatalogProduct[]> {
    return this.allProducts()
      .sort((a, b) => b.createTime.getTime() - a.createTime.getTime() || b.id - a.id)
      .slice(0, count);
  }

  async productsByCategory(categoryId: number): Promise<CatalogProduct[]> {
    return this.allProducts().filter((product) => product.categoryId === categoryId);
  }

  async findProductDetail(id: number): Promise<ProductDetail | null> {
    const product = this.product(id);
    const info = this.db.state.productInfo.get(id);
    if (!product || !info) return null;
    return {
      ...product,
      imgs: structuredClone(info.imgs).sort((a, b) => a.order - b.order),
      properties: structuredClone(info.properties),
    };
  }

  async allCategories(): Promise<Category[]> {
    return [...this.db.state.categories.values()].sort((a, b) => a.id - b.id).map((category) => structuredClone(category));
  }

  private allProducts(): CatalogProduct[] {
    return [...this.db.state.products.keys()].sort((a, b) => a - b).flatMap((id) => this.product(id) ?? []);
  }

  /** The product as the shop window shows it, or null when it is missing or deleted. */
  private product(id: number): CatalogProduct | null {
    const row = this.db.state.products.get(id);
    if (!row || row.deleted) return null;
    const info = this.db.state.productInfo.get(id);
    return {
      id: row.id,
      name: row.name,
      price: row.price,
      stock: row.stock,
      mainImgUrl: row.mainImgUrl,
      mainImgFrom: info?.mainImgFrom ?? 1,
      categoryId: info?.categoryId ?? 0,
      summary: info?.summary ?? '',
      imgId: info?.imgId ?? null,
      createTime: new Date(info?.createTime ?? 0),
    };
  }
}
