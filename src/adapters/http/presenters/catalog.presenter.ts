import type { Banner, CatalogProduct, Category, ProductDetail, Theme, ThemeWithProducts } from '../../../application/index.js';
import { yuan } from './yuan.js';

/** The zerg field names and nesting mini-program clients read. */
export function presentProduct(product: CatalogProduct) {
  return {
    id: product.id,
    name: product.name,
    price: yuan(product.price),
    stock: product.stock,
    category_id: product.categoryId,
    main_img_url: product.mainImgUrl,
    summary: product.summary,
    img_id: product.imgId,
  };
}

export function presentProductDetail(product: ProductDetail) {
  return {
    ...presentProduct(product),
    imgs: product.imgs.map((image) => ({ img_url: { url: image.imgUrl.url }, order: image.order })),
    properties: product.properties.map((property) => ({ name: property.name, detail: property.detail })),
  };
}

export function presentBanner(banner: Banner) {
  return {
    id: banner.id,
    name: banner.name,
    description: banner.description,
    items: banner.items.map((item) => ({ id: item.id, key_word: item.keyWord, type: item.type, img: { url: item.img.url } })),
  };
}

export function presentTheme(theme: Theme) {
  return {
    id: theme.id,
    name: theme.name,
    description: theme.description,
    topic_img: { url: theme.topicImg.url },
    head_img: { url: theme.headImg.url },
  };
}

export function presentThemeWithProducts(theme: ThemeWithProducts) {
  return { ...presentTheme(theme), products: theme.products.map(presentProduct) };
}

export function presentCategory(category: Category) {
  return { id: category.id, name: category.name, description: category.description, img: { url: category.img.url } };
}
