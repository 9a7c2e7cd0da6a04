import { expect } from 'chai';
import { SANDBOX_CREDENTIALS, SANDBOX_DEFAULT_BASE, startConfiguredSandbox } from '../../src/adapters/wechat/sandbox/index.js';
import { loadWeChatConfig, withSandboxBase } from '../../src/adapters/wechat/wechat.config.js';

const defaults = { notifyUrl: 'http://127.0.0.1:3000/api/v1/pay/notify' };
const production = {
  WECHAT_APP_ID: 'wx1234567890abcdef',
  WECHAT_APP_SECRET: 'secret',
  WECHAT_MCH_ID: '1230000109',
  WECHAT_PAY_KEY: 'k'.repeat(32),
  WECHAT_NOTIFY_URL: 'https://shop.example.com/api/v1/pay/notify',
  WECHAT_PAY_API_BASE: 'https://api.mch.weixin.qq.com',
  WECHAT_API_BASE: 'https://api.weixin.qq.com',
};

describe('loadWeChatConfig', () => {
  it('with no bases set, plays the sandbox with its documented credentials', () => {
    expect(loadWeChatConfig({}, defaults)).to.deep.equal({
      sandbox: true,
      ...SANDBOX_CREDENTIALS,
      signType: 'MD5',
      notifyUrl: defaults.notifyUrl,
      refundNotifyUrl: null,
      clientCertificate: null,
      payApiBase: SANDBOX_DEFAULT_BASE,
      apiBase: SANDBOX_DEFAULT_BASE,
    });
    expect(SANDBOX_CREDENTIALS.payKey).to.have.length(32);
  });

  it('reads every variable for WeChat itself', () => {
    const config = loadWeChatConfig({ ...production, WECHAT_PAY_SIGN_TYPE: 'HMAC-SHA256' }, defaults);
    expect(config).to.include({ sandbox: false, appId: production.WECHAT_APP_ID, mchId: production.WECHAT_MCH_ID, signType: 'HMAC-SHA256' });
    expect(config.notifyUrl).to.equal(production.WECHAT_NOTIFY_URL);
  });

  it('stops start-up naming each missing credential when a base points at WeChat', () => {
    const { WECHAT_PAY_KEY: _key, WECHAT_MCH_ID: _mch, ...withoutPay } = production;
    expect(() => loadWeChatConfig(withoutPay, defaults)).to.throw(/WECHAT_MCH_ID, WECHAT_PAY_KEY are not set/);
    expect(() => loadWeChatConfig({ WECHAT_API_BASE: 'https://api.weixin.qq.com' }, defaults)).to.throw(/WECHAT_APP_ID/);
    // login at WeChat, payments at a local sandbox: only the login credentials are needed
    const loginOnly = { WECHAT_API_BASE: 'https://api.weixin.qq.com', WECHAT_PAY_API_BASE: 'http://127.0.0.1:3001', WECHAT_APP_ID: 'wx1' };
    expect(() => loadWeChatConfig(loginOnly, defaults)).to.throw(/but WECHAT_APP_SECRET is not set$/);
    expect(loadWeChatConfig({ ...loginOnly, WECHAT_APP_SECRET: 's' }, defaults)).to.include({ sandbox: false, mchId: '1900000109' });
  });

  it('reads the refund notify URL and the merchant certificate (p12 password defaults to the mch_id)', () => {
    const config = loadWeChatConfig({ ...production, WECHAT_REFUND_NOTIFY_URL: 'https://shop.example.com/r', WECHAT_PAY_CLIENT_P12: '/etc/wx/apiclient_cert.p12' }, defaults);
    expect(config.refundNotifyUrl).to.equal('https://shop.example.com/r');
    expect(config.clientCertificate).to.deep.equal({ p12Path: '/etc/wx/apiclient_cert.p12', passphrase: production.WECHAT_MCH_ID });
    const pem = loadWeChatConfig({ ...production, WECHAT_PAY_CLIENT_CERT: '/c.pem', WECHAT_PAY_CLIENT_KEY: '/k.pem' }, defaults);
    expect(pem.clientCertificate).to.deep.equal({ certPath: '/c.pem', keyPath: '/k.pem' });
    expect(() => loadWeChatConfig({ ...production, WECHAT_PAY_CLIENT_CERT: '/c.pem' }, defaults)).to.throw(/go together/);
    expect(loadWeChatConfig({}, { ...defaults, refundNotifyUrl: 'http://127.0.0.1:3000/r' }).refundNotifyUrl).to.equal('http://127.0.0.1:3000/r');
  });

  it('refuses a bad sign type, a key that is not 32 characters and a base that is not a URL', () => {
    expect(() => loadWeChatConfig({ WECHAT_PAY_SIGN_TYPE: 'SHA1' }, defaults)).to.throw(/WECHAT_PAY_SIGN_TYPE/);
    expect(() => loadWeChatConfig({ ...production, WECHAT_PAY_KEY: 'short' }, defaults)).to.throw(/32-character/);
    expect(() => loadWeChatConfig({ WECHAT_PAY_API_BASE: 'not a url' }, defaults)).to.throw(/WECHAT_PAY_API_BASE/);
  });

  it('points both bases at a sandbox started elsewhere', () => {
    const config = withSandboxBase(loadWeChatConfig({}, defaults), 'http://127.0.0.1:41234/');
    expect(config).to.include({ payApiBase: 'http://127.0.0.1:41234', apiBase: 'http://127.0.0.1:41234' });
  });
});

describe('startConfiguredSandbox', () => {
  it('plays the configured merchant on the port of the configured base, for the sandbox only', async () => {
    const base = loadWeChatConfig({}, defaults);
    const port = 40000 + Math.floor(Math.random() * 20000);
    const { sandbox, listening } = await startConfiguredSandbox(withSandboxBase(base, `http://127.0.0.1:${port}`));
    try {
      expect(listening.url).to.equal(`http://127.0.0.1:${port}`);
      expect(sandbox.merchant).to.deep.equal(SANDBOX_CREDENTIALS);
    } finally {
      await sandbox.close();
    }
    let refused: unknown;
    await startConfiguredSandbox({ ...base, sandbox: false }).catch((error: unknown) => (refused = error));
    expect(refused).to.be.instanceOf(Error);
  });
});
