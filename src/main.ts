/**
 * The production entry point (`node dist/main.js`): the shop the environment describes, WeChat
 * included (WECHAT_*), in WEB_CONCURRENCY processes on one port. `npm start` runs
 * scripts/start.ts, a launcher around the same start-up.
 */
import 'reflect-metadata';
import { serveShop } from './composition/cluster.js';

void serveShop(process.env, {
  async start(env) {
    // Loaded where the shop runs: the primary of several workers never needs the app itself.
    const { shopGuide, startShop } = await import('./composition/index.js');
    const shop = await startShop(env);
    return { guide: shopGuide(shop), close: () => shop.close() };
  },
});
