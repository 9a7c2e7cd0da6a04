import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { pino } from 'pino';
import { SANDBOX_CREDENTIALS, SANDBOX_MERCHANT_V3, sandboxPortFrom, shopEnvFor } from '../../sandbox/index.js';
import { launcherEnv, startSandboxedShop, weChatBaseSet } from '../../scripts/sandboxed-shop.js';
import { loadWeChatConfig } from '../../src/adapters/wechat/wechat.config.js';
import { ConfigError } from '../../src/config-error.js';

describe('a shop pointed at the sandbox (npm start with no WeChat base)', () => {
  it('hands the shop the sandbox\'s URL and merchant as ordinary WeChat settings', () => {
    const config = loadWeChatConfig(shopEnvFor('http://127.0.0.1:41234'), { notifyUrl: 'http://127.0.0.1:3000/api/v1/pay/notify' });
    expect(config).to.include({ ...SANDBOX_CREDENTIALS, payApiBase: 'http://127.0.0.1:41234', apiBase: 'http://127.0.0.1:41234' });
    expect(SANDBOX_CREDENTIALS.payKey).to.have.length(32);
  });

  it('starts the sandbox only when no WeChat base is set, on SANDBOX_PORT (3001 by default)', () => {
    expect(weChatBaseSet({})).to.equal(false);
    expect(weChatBaseSet({ WECHAT_PAY_API_BASE: ' ' })).to.equal(false);
    expect(weChatBaseSet({ WECHAT_API_BASE: 'https://api.weixin.qq.com' })).to.equal(true);
    expect(sandboxPortFrom({})).to.equal(3001);
    expect(sandboxPortFrom({ SANDBOX_PORT: '0' })).to.equal(0);
    for (const bad of ['abc', '70000', '-1']) {
      expect(() => sandboxPortFrom({ SANDBOX_PORT: bad }), bad).to.throw(ConfigError, /^SANDBOX_PORT must be an integer/);
    }
  });

  it('plays the shop\'s WeChat on the port asked, and closes with the shop', async function () {
    this.timeout(20_000);
    const port = await freePort();
    const env = { PORT: '0', HOST: '127.0.0.1', SANDBOX_PORT: String(port), DATABASE_URL: ':memory:', REDIS_URL: '', LIFECYCLE_INTERVAL_SECONDS: '0', WECHAT_MCH_ID: 'ignored' };
    const shop = await startSandboxedShop(env, { logger: pino({ level: 'silent' }) });
    try {
      expect(shop.sandbox.url).to.equal(`http://127.0.0.1:${port}`);
      expect(shop.sandbox.merchant).to.deep.equal(SANDBOX_CREDENTIALS);
      expect(shop.wechat).to.include({ payApiBase: shop.sandbox.url, apiBase: shop.sandbox.url, mchId: SANDBOX_CREDENTIALS.mchId, notifyUrl: `${shop.url}/api/v1/pay/notify` });
      const login = await fetch(`${shop.url}/api/v1/token/user`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code":"code-alice"}' });
      expect(login.status, 'the shop logs in through the sandbox').to.equal(200);
    } finally {
      await shop.close();
    }
    const gone = await fetch(`http://127.0.0.1:${port}/sandbox`).then(() => 'answered', () => 'closed');
    expect(gone).to.equal('closed');
  });

  it('npm start plays a merchant who signed up today (v3, public key); WECHAT_PAY_API_VERSION=v2 the classic one', async function () {
    this.timeout(20_000);
    expect(launcherEnv({})).to.deep.equal({ WECHAT_PAY_API_VERSION: 'v3' });
    expect(launcherEnv({ WECHAT_PAY_API_VERSION: 'v2' })).to.deep.equal({ WECHAT_PAY_API_VERSION: 'v2' });
    const env = { PORT: '0', HOST: '127.0.0.1', SANDBOX_PORT: '0', DATABASE_URL: ':memory:', REDIS_URL: '', LIFECYCLE_INTERVAL_SECONDS: '0' };
    for (const [version, expected] of [[undefined, 'v3'], ['v2', 'v2']] as const) {
      const shop = await startSandboxedShop(launcherEnv({ ...env, ...(version ? { WECHAT_PAY_API_VERSION: version } : {}) }), { logger: pino({ level: 'silent' }) });
      try {
        expect(shop.wechat.apiVersion).to.equal(expected);
        expect(shop.wechat.v3?.publicKey?.id ?? null).to.equal(expected === 'v3' ? SANDBOX_MERCHANT_V3.publicKeyId : null);
        expect(shop.wechat.v3?.platformCertificates ?? false).to.equal(false);
        // The v2 key stays under v3: orders placed before the move still settle.
        expect(shop.wechat.payKey).to.equal(SANDBOX_CREDENTIALS.payKey);
      } finally {
        await shop.close();
      }
    }
  });
});

/** A port nothing listens on now: asked of the system rather than guessed, so it is not already taken. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
