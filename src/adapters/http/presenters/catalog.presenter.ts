import type { Banner, CatalogProduct, Category, ProductDetail, Theme, ThemeWithProducts } from '../../../application/index.js';
import type { ImageUrls } from './image-url.js';
import { yuan } from './yuan.js';

/** The zerg field names and nesting mini-program clients read; every image URL absolute. */
export function presentProduct(product: CatalogProduct, images: ImageUrls) {
  return {
    id: product.id,
    name: product.name,
    price: yuan(product.price),
    stock: product.stock,
    category_id: product.categoryId,
    main_img_url: images.of({ url: product.mainImgUrl, from: product.mainImgFrom }),
    summary: product.summary,
    img_id: product.imgId,
  };
}

export function presentProductDetail(product: ProductDetail, images: ImageUrls) {
  return {
    ...presentProduct(product, images),
    imgs: product.imgs.map((image) => ({ img_url: { url: images.of(image.imgUrl) }, order: image.order })),
    properties: product.properties.map((property) => ({ name: property.name, detail: property.detail })),
  };
}

export function presentBanner(banner: Banner, images: ImageUrls) {
  return {
    id: banner.id,
    name: banner.name,
    description: banner.description,
    items: banner.items.map((item) => ({ id: item.id, key_word: item.keyWord, type: item.type, img: { url: images.of(item.img) } })),
  };
}

export function presentTheme(theme: Theme, images: ImageUrls) {
  return {
    id: theme.id,
    name: theme.name,
    description: theme.description,
    topic_img: { url: images.of(theme.topicImg) },
    head_img: { url: images.of(theme.headImg) },
  };
}

export function presentThemeWithProducts(theme: ThemeWithProducts, images: ImageUrls) {
  return { ...presentTheme(theme, images), products: theme.products.map((product) => presentProduct(product, images)) };
}

export function presentCategory(category: Category, images: ImageUrls) {
  return { id: category.id, name: category.name, description: category.description, img: { url: images.of(category.img) } };
}
