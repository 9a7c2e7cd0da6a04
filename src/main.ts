/**
 * The production entry point (`node dist/main.js`): the shop the environment describes, WeChat
 * included (WECHAT_*). `npm start` runs scripts/start.ts, a launcher around the same start-up.
 */
import 'reflect-metadata';
import { serveUntilSignalled, shopGuide, startShop } from './composition/index.js';

void serveUntilSignalled(async () => {
  const shop = await startShop(process.env);
  return { guide: shopGuide(shop), close: () => shop.close() };
});
