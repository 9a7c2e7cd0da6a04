import { expect } from 'chai';
import { WECHAT_API_BASE, WECHAT_PAY_API_BASE, loadWeChatConfig } from '../../../src/adapters/wechat/wechat.config.js';
import { ConfigError } from '../../../src/config-error.js';

const defaults = { notifyUrl: 'http://127.0.0.1:3000/api/v1/pay/notify' };
const credentials = {
  WECHAT_APP_ID: 'wx1234567890abcdef',
  WECHAT_APP_SECRET: 'secret',
  WECHAT_MCH_ID: '1230000109',
  WECHAT_PAY_KEY: 'k'.repeat(32),
};
const production = {
  ...credentials,
  WECHAT_NOTIFY_URL: 'https://shop.example.com/api/v1/pay/notify',
  WECHAT_PAY_API_BASE: 'https://api.mch.weixin.qq.com',
  WECHAT_API_BASE: 'https://api.weixin.qq.com',
};
/** A stand-in for WeChat on this machine (the sandbox, say): the shop's own notify URL will do. */
const local = { ...credentials, WECHAT_PAY_API_BASE: 'http://127.0.0.1:3001', WECHAT_API_BASE: 'http://127.0.0.1:3001/' };

function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('no ConfigError');
}

describe('loadWeChatConfig', () => {
  it('talks to WeChat\'s own hosts unless a base says otherwise', () => {
    const { WECHAT_PAY_API_BASE: _pay, WECHAT_API_BASE: _api, ...unset } = production;
    expect(loadWeChatConfig(unset, defaults)).to.deep.equal({
      apiVersion: 'v2',
      appId: credentials.WECHAT_APP_ID,
      appSecret: credentials.WECHAT_APP_SECRET,
      mchId: credentials.WECHAT_MCH_ID,
      payKey: credentials.WECHAT_PAY_KEY,
      signType: 'MD5',
      notifyUrl: production.WECHAT_NOTIFY_URL,
      refundNotifyUrl: null,
      clientCertificate: null,
      payApiBase: WECHAT_PAY_API_BASE,
      apiBase: WECHAT_API_BASE,
      v3: null,
    });
  });

  it('reads every variable for WeChat itself', () => {
    const config = loadWeChatConfig({ ...production, WECHAT_PAY_SIGN_TYPE: 'HMAC-SHA256' }, defaults);
    expect(config).to.include({ appId: production.WECHAT_APP_ID, mchId: production.WECHAT_MCH_ID, signType: 'HMAC-SHA256' });
    expect(config.notifyUrl).to.equal(production.WECHAT_NOTIFY_URL);
  });

  it('has no credentials of its own: each missing one stops start-up, named', () => {
    const nothing = configErrorOf(() => loadWeChatConfig({}, defaults));
    expect(nothing.variable).to.equal('WECHAT_APP_ID, WECHAT_APP_SECRET, WECHAT_MCH_ID, WECHAT_PAY_KEY, WECHAT_NOTIFY_URL');
    expect(nothing.message).to.match(/^WECHAT_APP_ID, .* are not set/);
    const { WECHAT_PAY_KEY: _key, WECHAT_MCH_ID: _mch, ...withoutPay } = production;
    expect(configErrorOf(() => loadWeChatConfig(withoutPay, defaults)).message).to.match(/^WECHAT_MCH_ID, WECHAT_PAY_KEY are not set/);
    // a stand-in for WeChat needs the merchant's credentials too: nothing falls back to a sandbox's
    const { WECHAT_APP_SECRET: _secret, ...localWithoutSecret } = local;
    expect(configErrorOf(() => loadWeChatConfig(localWithoutSecret, defaults)).variable).to.equal('WECHAT_APP_SECRET');
    const { WECHAT_NOTIFY_URL: _notify, ...productionWithoutNotify } = production;
    expect(configErrorOf(() => loadWeChatConfig(productionWithoutNotify, defaults)).message).to.match(/^WECHAT_NOTIFY_URL is not set/);
  });

  it('notifies the shop itself when payments go to a stand-in on this machine', () => {
    const config = loadWeChatConfig(local, defaults);
    expect(config).to.include({ payApiBase: 'http://127.0.0.1:3001', apiBase: 'http://127.0.0.1:3001', notifyUrl: defaults.notifyUrl, mchId: credentials.WECHAT_MCH_ID });
    expect(loadWeChatConfig(local, { ...defaults, refundNotifyUrl: 'http://127.0.0.1:3000/r' }).refundNotifyUrl).to.equal('http://127.0.0.1:3000/r');
  });

  it('reads the refund notify URL and the merchant certificate (p12 password defaults to the mch_id)', () => {
    const config = loadWeChatConfig({ ...production, WECHAT_REFUND_NOTIFY_URL: 'https://shop.example.com/r', WECHAT_PAY_CLIENT_P12: '/etc/wx/apiclient_cert.p12' }, defaults);
    expect(config.refundNotifyUrl).to.equal('https://shop.example.com/r');
    expect(config.clientCertificate).to.deep.equal({ p12Path: '/etc/wx/apiclient_cert.p12', passphrase: production.WECHAT_MCH_ID });
    const pem = loadWeChatConfig({ ...production, WECHAT_PAY_CLIENT_CERT: '/c.pem', WECHAT_PAY_CLIENT_KEY: '/k.pem' }, defaults);
    expect(pem.clientCertificate).to.deep.equal({ certPath: '/c.pem', keyPath: '/k.pem' });
    expect(configErrorOf(() => loadWeChatConfig({ ...production, WECHAT_PAY_CLIENT_CERT: '/c.pem' }, defaults)).message).to.match(/go together/);
  });

  it('refuses a bad sign type, a key that is not 32 characters and a base that is not a URL, each a ConfigError naming it', () => {
    expect(configErrorOf(() => loadWeChatConfig({ WECHAT_PAY_SIGN_TYPE: 'SHA1' }, defaults)).variable).to.equal('WECHAT_PAY_SIGN_TYPE');
    const short = configErrorOf(() => loadWeChatConfig({ ...production, WECHAT_PAY_KEY: 'short' }, defaults));
    expect(short.variable).to.equal('WECHAT_PAY_KEY');
    expect(short.message).to.match(/32-character/);
    expect(configErrorOf(() => loadWeChatConfig({ WECHAT_PAY_API_BASE: 'not a url' }, defaults)).variable).to.equal('WECHAT_PAY_API_BASE');
    expect(configErrorOf(() => loadWeChatConfig({ ...local, WECHAT_API_BASE: 'ftp://127.0.0.1' }, defaults)).variable).to.equal('WECHAT_API_BASE');
  });
});
