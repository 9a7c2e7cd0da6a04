/**
 * The demo shop: what `npm start` shows on a fresh clone. Prices in fen. Images are files of the
 * shop (`from = 1`), named by their path under the images folder as zerg stored them; the files
 * are in `assets/images`, made by `scripts/make-demo-images.ts` from this list.
 */

export const demoCategories = [
  { id: 1, name: '果味', description: '新鲜水果与果干' },
  { id: 2, name: '蔬菜', description: '当季蔬菜' },
  { id: 3, name: '炒货', description: '坚果与炒货' },
  { id: 4, name: '点心', description: '糕点与小食' },
  { id: 5, name: '粗茶', description: '茶叶与饮品' },
  { id: 6, name: '淡饭', description: '米面粮油' },
] as const;

/** [name, price in fen, stock, category id, summary]; ids follow the order, from 1. */
export const demoProducts: readonly (readonly [string, number, number, number, string])[] = [
  ['芹菜 半斤', 1, 998, 2, '脆嫩爽口'],
  ['梨花带雨 3个', 1, 984, 1, '汁多味甜'],
  ['素米 327克', 1, 996, 6, '粒粒饱满'],
  ['红袖枸杞 6克*3袋', 1, 998, 1, '宁夏枸杞'],
  ['春生龙眼 500克', 1, 995, 1, '肉厚核小'],
  ['小红的猪耳朵 120克', 1, 997, 4, '卤香入味'],
  ['泥蒿 半斤', 1, 998, 2, '湖北特产'],
  ['夏日芒果 3个', 1, 995, 1, '香甜软糯'],
  ['冬木红枣 500克', 1, 996, 1, '皮薄肉厚'],
  ['万紫千凤梨 300克', 1, 996, 1, '酸甜可口'],
  ['贵妃笑 100克', 1, 994, 1, '荔枝干'],
  ['珍奇异果 3个', 1, 999, 1, '维C满满'],
  ['绿豆 125克', 1, 999, 6, '清热解暑'],
  ['芝麻 50克', 1, 999, 6, '黑芝麻'],
  ['猴头菇 370克', 1, 999, 6, '山珍'],
  ['西红柿 1斤', 1, 999, 2, '沙瓤多汁'],
  ['油炸花生 300克', 1, 999, 3, '香脆'],
  ['春泥西瓜子 128克', 1, 997, 3, '五香'],
  ['碧水葵花籽 128克', 1, 999, 3, '原味'],
  ['碧螺春 12克*3袋', 1, 999, 5, '明前新茶'],
  ['西湖龙井 8克*3袋', 2990, 40, 5, '核心产区'],
  ['桂花糕 6块', 1580, 60, 4, '手工现做'],
];

export const demoThemes = [
  { id: 1, name: '专题栏位一', description: '美味水果世界', productIds: [1, 2, 3, 5, 12] },
  { id: 2, name: '专题栏位二', description: '新品推荐', productIds: [1, 2, 3, 5, 6, 16] },
  { id: 3, name: '专题栏位三', description: '做个干物女', productIds: [1, 2, 3, 11, 13, 14, 15, 18, 19, 20] },
] as const;

export const demoBanner = {
  id: 1,
  name: '首页置顶',
  description: '首页轮播图',
  items: [
    { keyWord: '6', type: 1, url: '/banner-1a.png' },
    { keyWord: '8', type: 1, url: '/banner-2a.png' },
    { keyWord: '11', type: 1, url: '/banner-3a.png' },
    { keyWord: '10', type: 1, url: '/banner-4a.png' },
  ],
} as const;

const twoDigits = (id: number) => String(id).padStart(2, '0');

/** The demo's image paths (under the images folder) for each thing that shows one. */
export const demoImagePaths = {
  category: (id: number) => `/category-${id}.png`,
  product: (id: number) => `/product-${twoDigits(id)}.png`,
  /** `order` from 1 to `demoDetailImages`. */
  detail: (productId: number, order: number) => `/detail-${twoDigits(productId)}-${order}.png`,
  themeTopic: (id: number) => `/theme-${id}@topic.png`,
  themeHead: (id: number) => `/theme-${id}@head.png`,
};

/** Detail pictures per product. */
export const demoDetailImages = 3;

/** Properties every demo product gets, so the detail page has something to show. */
export const demoProductProperties = [
  ['品名', null],
  ['口味', '青梅味 雪梨味 黄桃味 菠萝味'],
  ['产地', '火星'],
  ['保质期', '180天'],
] as const;

export const defaultAdminSecret = 'weshop-dev-secret';
