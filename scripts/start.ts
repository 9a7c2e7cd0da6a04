/**
 * `npm start`: the shop the environment describes. With no WeChat base set (WECHAT_PAY_API_BASE,
 * WECHAT_API_BASE) it first starts the WeChat Pay sandbox on SANDBOX_PORT and gives the shop its
 * URL and merchant, so a fresh clone runs end to end with nothing configured: a merchant who signed
 * up today (API v3, the WeChat Pay public key), or the classic one with WECHAT_PAY_API_VERSION=v2.
 */
import 'reflect-metadata';
import { serveUntilSignalled, shopGuide, startShop } from '../src/composition/index.js';
import { launcherEnv, startSandboxedShop, weChatBaseSet } from './sandboxed-shop.js';

const demo = '  npm run demo     # login → address → order → pre_order → sandbox pays → notify → PAID';

void serveUntilSignalled(async () => {
  if (weChatBaseSet(process.env)) {
    const shop = await startShop(process.env);
    return { guide: shopGuide(shop, { tryAlso: [demo] }), close: () => shop.close() };
  }
  const shop = await startSandboxedShop(launcherEnv(process.env));
  return { guide: shopGuide(shop, { weChat: `WeChat Pay sandbox on ${shop.sandbox.url}`, tryAlso: [demo] }), close: () => shop.close() };
});
