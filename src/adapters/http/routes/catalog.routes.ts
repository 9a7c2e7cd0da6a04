import { edgeError, invalidParameter } from '../http.error.js';
import {
  presentBanner,
  presentCategory,
  presentProduct,
  presentProductDetail,
  presentTheme,
  presentThemeWithProducts,
} from '../presenters/catalog.presenter.js';
import { arrayOf } from '../schemas/answer-schemas.js';
import * as answer from '../schemas/catalog.answers.js';
import { pathId, queryId, queryInt } from '../routing/params.js';
import { type Param, route } from '../routing/route.js';
import { MAX_ID, positiveInt } from '../validation.js';
import { CATALOG_EXAMPLES as example } from './catalog.examples.js';

/** zerg's not-found codes for the shop window. */
const missing = {
  product: (id: number) => edgeError('CATALOG.PRODUCT_NOT_FOUND', `指定的商品不存在: product ${id} not found`),
  theme: (id: number) => edgeError('CATALOG.THEME_NOT_FOUND', `指定主题不存在: theme ${id} not found`),
  banner: (id: number) => edgeError('CATALOG.BANNER_NOT_FOUND', `请求的Banner不存在: banner ${id} not found`),
};

const MAX_THEME_IDS = 50;
const MAX_RECENT = 15;

/** `ids=1,2,3`: comma-separated positive integers, at most 50. */
const themeIds: Param<number[]> = {
  in: 'query',
  description: `theme ids, comma-separated (at most ${MAX_THEME_IDS}); unknown ones are left out`,
  required: true,
  commaSeparated: true,
  schema: { type: 'array', items: { type: 'integer', minimum: 1, maximum: MAX_ID }, minItems: 1, maxItems: MAX_THEME_IDS },
  example: '1,2,3',
  parse: (raw) => {
    if (typeof raw !== 'string' || raw === '') throw invalidParameter('ids must be comma-separated theme ids, e.g. ids=1,2,3');
    const parts = raw.split(',');
    if (parts.length > MAX_THEME_IDS) throw invalidParameter(`ids may name at most ${MAX_THEME_IDS} themes`);
    return parts.map((part) => positiveInt('ids', part));
  },
};

export const catalogRoutes = [
  route({
    operationId: 'getBanner',
    method: 'get',
    path: '/banner/:id',
    tag: 'catalogue',
    summary: 'A banner and its items (type 1: `key_word` is a product id)',
    params: { id: pathId('banner id') },
    answers: [{ status: 200, description: 'the banner', schema: answer.banner, example: example.banner }],
    errors: ['CATALOG.BANNER_NOT_FOUND'],
    handle: async (ctx, { params: { id } }, { catalog, images }) => {
      const banner = await catalog.findBanner(id);
      if (!banner) throw missing.banner(id);
      ctx.body = presentBanner(banner, images);
    },
  }),
  route({
    operationId: 'listThemes',
    method: 'get',
    path: '/theme',
    tag: 'catalogue',
    summary: 'Themes, in the order asked',
    params: { ids: themeIds },
    answers: [{ status: 200, description: 'the themes found', schema: arrayOf(answer.theme), example: [example.theme] }],
    handle: async (ctx, { params: { ids } }, { catalog, images }) => {
      ctx.body = (await catalog.findThemes(ids)).map((theme) => presentTheme(theme, images));
    },
  }),
  route({
    operationId: 'getTheme',
    method: 'get',
    path: '/theme/:id',
    tag: 'catalogue',
    summary: 'A theme with its products',
    params: { id: pathId('theme id') },
    answers: [{ status: 200, description: 'the theme', schema: answer.themeWithProducts, example: { ...example.theme, products: [example.product] } }],
    errors: ['CATALOG.THEME_NOT_FOUND'],
    handle: async (ctx, { params: { id } }, { catalog, images }) => {
      const theme = await catalog.findThemeWithProducts(id);
      if (!theme) throw missing.theme(id);
      ctx.body = presentThemeWithProducts(theme, images);
    },
  }),
  route({
    operationId: 'recentProducts',
    method: 'get',
    path: '/product/recent',
    tag: 'catalogue',
    summary: 'The newest products',
    params: { count: queryInt('how many', MAX_RECENT, MAX_RECENT, '5') },
    answers: [{ status: 200, description: 'newest first', schema: arrayOf(answer.product), example: [example.product] }],
    handle: async (ctx, { params: { count } }, { catalog, images }) => {
      ctx.body = (await catalog.recentProducts(count)).map((product) => presentProduct(product, images));
    },
  }),
  route({
    operationId: 'productsByCategory',
    method: 'get',
    path: '/product/by_category',
    tag: 'catalogue',
    summary: 'A category’s products (`[]` when none)',
    params: { id: queryId('category id') },
    answers: [{ status: 200, description: 'the products', schema: arrayOf(answer.product), example: [example.product] }],
    handle: async (ctx, { params: { id } }, { catalog, images }) => {
      ctx.body = (await catalog.productsByCategory(id)).map((product) => presentProduct(product, images));
    },
  }),
  route({
    operationId: 'getProduct',
    method: 'get',
    path: '/product/:id',
    tag: 'catalogue',
    summary: 'A product with its pictures and properties',
    params: { id: pathId('product id') },
    answers: [{ status: 200, description: 'the product', schema: answer.productDetail, example: example.productDetail }],
    errors: ['CATALOG.PRODUCT_NOT_FOUND'],
    handle: async (ctx, { params: { id } }, { catalog, images }) => {
      const product = await catalog.findProductDetail(id);
      if (!product) throw missing.product(id);
      ctx.body = presentProductDetail(product, images);
    },
  }),
  route({
    operationId: 'allCategories',
    method: 'get',
    path: '/category/all',
    tag: 'catalogue',
    summary: 'Every category',
    answers: [{ status: 200, description: 'the categories', schema: arrayOf(answer.category), example: [example.category] }],
    handle: async (ctx, _input, { catalog, images }) => {
      ctx.body = (await catalog.allCategories()).map((category) => presentCategory(category, images));
    },
  }),
];
