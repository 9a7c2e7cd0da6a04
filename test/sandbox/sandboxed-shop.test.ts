import { expect } from 'chai';
import { pino } from 'pino';
import { SANDBOX_CREDENTIALS, sandboxPortFrom, shopEnvFor } from '../../sandbox/index.js';
import { startSandboxedShop, weChatBaseSet } from '../../scripts/sandboxed-shop.js';
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
    const port = 40000 + Math.floor(Math.random() * 20000);
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
});
