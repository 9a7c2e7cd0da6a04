/**
 * The production entry point (`node dist/main.js`): the shop the environment describes, WeChat
 * included (WECHAT_*), in WEB_CONCURRENCY processes on one port. `npm start` runs
 * scripts/start.ts, a launcher around the same start-up.
 */
import 'reflect-metadata';
import { serveShop, shopGuide, startShop } from './composition/index.js';

void serveShop(process.env, {
  async start(env) {
    const shop = await startShop(env);
    return { guide: shopGuide(shop), close: () => shop.close() };
  },
});
