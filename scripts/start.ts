/**
 * `npm start`: the shop the environment describes. With no WeChat base set (WECHAT_PAY_API_BASE,
 * WECHAT_API_BASE) it first starts the WeChat Pay sandbox on SANDBOX_PORT and gives the shop its
 * URL and merchant, so a fresh clone runs end to end with nothing configured: a merchant who signed
 * up today (API v3, the WeChat Pay public key), or the classic one with WECHAT_PAY_API_VERSION=v2.
 * With WEB_CONCURRENCY above 1 the sandbox runs in the primary and every worker talks to it.
 */
import 'reflect-metadata';
import { serveShop, shopGuide, startShop } from '../src/composition/index.js';
import { createSandbox, sandboxPortFrom } from '../sandbox/index.js';
import { launcherEnv, sandboxShopEnv, startSandboxedShop, weChatBaseSet } from './sandboxed-shop.js';

const demo = '  npm run demo     # login → address → order → pre_order → sandbox pays → notify → PAID';

void serveShop(process.env, {
  async start(env) {
    if (weChatBaseSet(env)) {
      const shop = await startShop(env);
      return { guide: shopGuide(shop, { tryAlso: [demo] }), close: () => shop.close() };
    }
    const shop = await startSandboxedShop(launcherEnv(env));
    return { guide: shopGuide(shop, { weChat: `WeChat Pay sandbox on ${shop.sandbox.url}`, tryAlso: [demo] }), close: () => shop.close() };
  },
  async beforeWorkers(env, url) {
    if (weChatBaseSet(env)) return { env, close: async () => {} };
    const launched = launcherEnv(env);
    const sandbox = createSandbox();
    const listening = await sandbox.listen(sandboxPortFrom(launched));
    sandbox.miniProgram.pusher.url = `${url}/api/v1/wechat/push`;
    return { env: { ...launched, ...sandboxShopEnv(launched, listening.url, sandbox) }, close: () => sandbox.close() };
  },
});
