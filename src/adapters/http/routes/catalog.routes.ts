import type Router from '@koa/router';
import type { HttpDeps } from '../http.deps.js';
import { HttpError, invalidParameter } from '../http.error.js';
import type { ImageUrls } from '../presenters/image-url.js';
import {
  presentBanner,
  presentCategory,
  presentProduct,
  presentProductDetail,
  presentTheme,
  presentThemeWithProducts,
} from '../presenters/catalog.presenter.js';
import { optionalPositiveInt, positiveInt } from '../validation.js';

/** zerg's not-found codes for the shop window. */
const missing = {
  product: (id: number) => new HttpError(404, 20000, `指定的商品不存在: product ${id} not found`),
  theme: (id: number) => new HttpError(404, 30000, `指定主题不存在: theme ${id} not found`),
  banner: (id: number) => new HttpError(404, 40000, `请求的Banner不存在: banner ${id} not found`),
};

const MAX_THEME_IDS = 50;
const MAX_RECENT = 15;

export function catalogRoutes(router: Router, { catalog }: HttpDeps, images: ImageUrls): void {
  router.get('/banner/:id', async (ctx) => {
    const id = positiveInt('id', ctx.params.id);
    const banner = await catalog.findBanner(id);
    if (!banner) throw missing.banner(id);
    ctx.body = presentBanner(banner, images);
  });

  router.get('/theme', async (ctx) => {
    ctx.body = (await catalog.findThemes(themeIds(ctx.query.ids))).map((theme) => presentTheme(theme, images));
  });

  router.get('/theme/:id', async (ctx) => {
    const id = positiveInt('id', ctx.params.id);
    const theme = await catalog.findThemeWithProducts(id);
    if (!theme) throw missing.theme(id);
    ctx.body = presentThemeWithProducts(theme, images);
  });

  router.get('/product/recent', async (ctx) => {
    const count = optionalPositiveInt('count', ctx.query.count, MAX_RECENT, MAX_RECENT);
    ctx.body = (await catalog.recentProducts(count)).map((product) => presentProduct(product, images));
  });

  router.get('/product/by_category', async (ctx) => {
    const id = positiveInt('id', ctx.query.id);
    ctx.body = (await catalog.productsByCategory(id)).map((product) => presentProduct(product, images));
  });

  router.get('/product/:id', async (ctx) => {
    const id = positiveInt('id', ctx.params.id);
    const product = await catalog.findProductDetail(id);
    if (!product) throw missing.product(id);
    ctx.body = presentProductDetail(product, images);
  });

  router.get('/category/all', async (ctx) => {
    ctx.body = (await catalog.allCategories()).map((category) => presentCategory(category, images));
  });
}

/** `ids=1,2,3`: comma-separated positive integers, at most 50. */
function themeIds(raw: unknown): number[] {
  if (typeof raw !== 'string' || raw === '') throw invalidParameter('ids must be comma-separated theme ids, e.g. ids=1,2,3');
  const parts = raw.split(',');
  if (parts.length > MAX_THEME_IDS) throw invalidParameter(`ids may name at most ${MAX_THEME_IDS} themes`);
  return parts.map((part) => positiveInt('ids', part));
}
