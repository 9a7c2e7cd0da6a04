import { expect } from 'chai';
import { loadWeChatConfig } from '../../../../src/adapters/wechat/wechat.config.js';
import { ConfigError } from '../../../../src/config-error.js';
import { API_V3_KEY, MERCHANT, MERCHANT_SERIAL, PUBKEY, fixturePath, fixtureText } from './support/keys.js';

const defaults = { notifyUrl: 'http://127.0.0.1:3000/api/v1/pay/notify' };
const merchant = {
  WECHAT_APP_ID: 'wx1234567890abcdef',
  WECHAT_APP_SECRET: 'secret',
  WECHAT_MCH_ID: '1900000109',
  WECHAT_PAY_API_BASE: 'http://127.0.0.1:3001',
  WECHAT_API_BASE: 'http://127.0.0.1:3001',
};
/** A merchant who signed up today: v3 with the WeChat Pay public key, no v2 key. */
const publicKeyMode = {
  ...merchant,
  WECHAT_PAY_API_VERSION: 'v3',
  WECHAT_PAY_MCH_SERIAL: MERCHANT_SERIAL,
  WECHAT_PAY_PRIVATE_KEY: fixturePath('merchant.key.pem'),
  WECHAT_PAY_API_V3_KEY: API_V3_KEY,
  WECHAT_PAY_PUBLIC_KEY: fixturePath('pubkey.pem'),
  WECHAT_PAY_PUBLIC_KEY_ID: PUBKEY.serial,
};
const { WECHAT_PAY_PUBLIC_KEY: _key, WECHAT_PAY_PUBLIC_KEY_ID: _id, ...certificateMode } = publicKeyMode;
const V2_KEY = 'k'.repeat(32);

function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('no ConfigError');
}

describe('WeChat Pay v3 settings', () => {
  it('public-key mode: no v2 key needed, the public key by its id, no certificate downloads', () => {
    const config = loadWeChatConfig(publicKeyMode, defaults);
    expect(config.apiVersion).to.equal('v3');
    expect(config.payKey).to.equal(null);
    expect(config.v3).to.include({ mchSerial: MERCHANT_SERIAL, apiV3Key: API_V3_KEY, platformCertificates: false });
    expect(config.v3?.publicKey?.id).to.equal(PUBKEY.serial);
    expect(config.v3?.publicKey?.key.equals(PUBKEY.publicKey)).to.equal(true);
    expect(config.v3?.privateKey.type).to.equal('private');
  });

  it('certificate mode without a public key; both during the switch-over; PEM text as well as paths', () => {
    expect(loadWeChatConfig(certificateMode, defaults).v3).to.include({ publicKey: null, platformCertificates: true });
    const switchOver = loadWeChatConfig({ ...publicKeyMode, WECHAT_PAY_PLATFORM_CERTIFICATES: 'true' }, defaults).v3;
    expect(switchOver?.platformCertificates).to.equal(true);
    expect(switchOver?.publicKey?.id).to.equal(PUBKEY.serial);
    const pasted = loadWeChatConfig({ ...publicKeyMode, WECHAT_PAY_PRIVATE_KEY: fixtureText('merchant.key.pem'), WECHAT_PAY_PUBLIC_KEY: fixtureText('pubkey.pem') }, defaults);
    expect(pasted.v3?.publicKey?.key.equals(PUBKEY.publicKey)).to.equal(true);
  });

  it('v3 with the v2 key as well (older orders still settle), and v2 with the v3 keys as well (a rolling move)', () => {
    expect(loadWeChatConfig({ ...publicKeyMode, WECHAT_PAY_KEY: V2_KEY }, defaults)).to.include({ apiVersion: 'v3', payKey: V2_KEY });
    const v2 = loadWeChatConfig({ ...publicKeyMode, WECHAT_PAY_API_VERSION: 'v2', WECHAT_PAY_KEY: V2_KEY }, defaults);
    expect(v2).to.include({ apiVersion: 'v2', payKey: V2_KEY });
    expect(v2.v3?.publicKey?.id).to.equal(PUBKEY.serial);
    expect(loadWeChatConfig({ ...merchant, WECHAT_PAY_KEY: V2_KEY }, defaults)).to.include({ apiVersion: 'v2', v3: null });
  });

  it('names each variable that is missing or wrong', () => {
    const without = (name: keyof typeof publicKeyMode) => {
      const { [name]: _dropped, ...rest } = publicKeyMode;
      return rest;
    };
    const rows: Array<[Record<string, string>, string, RegExp]> = [
      [{ ...publicKeyMode, WECHAT_PAY_API_VERSION: 'v4' }, 'WECHAT_PAY_API_VERSION', /must be v2 or v3/],
      [{ ...merchant }, 'WECHAT_PAY_KEY', /is not set/],
      [{ ...merchant, WECHAT_PAY_API_VERSION: 'v3' }, 'WECHAT_PAY_MCH_SERIAL, WECHAT_PAY_PRIVATE_KEY, WECHAT_PAY_API_V3_KEY', /are not set \(WECHAT_PAY_API_VERSION is v3\)/],
      [without('WECHAT_PAY_MCH_SERIAL'), 'WECHAT_PAY_MCH_SERIAL', /is not set/],
      [{ ...merchant, WECHAT_PAY_KEY: V2_KEY, WECHAT_PAY_API_V3_KEY: API_V3_KEY }, 'WECHAT_PAY_MCH_SERIAL, WECHAT_PAY_PRIVATE_KEY', /other WECHAT_PAY_\* v3 settings are set/],
      [{ ...publicKeyMode, WECHAT_PAY_MCH_SERIAL: 'not-hex' }, 'WECHAT_PAY_MCH_SERIAL', /hexadecimal serial/],
      [{ ...publicKeyMode, WECHAT_PAY_API_V3_KEY: 'short' }, 'WECHAT_PAY_API_V3_KEY', /32-character APIv3 key .* not 5 bytes/],
      [{ ...publicKeyMode, WECHAT_PAY_API_V3_KEY: '密'.repeat(11) }, 'WECHAT_PAY_API_V3_KEY', /not 33 bytes/],
      [{ ...publicKeyMode, WECHAT_PAY_PRIVATE_KEY: '/no/such/apiclient_key.pem' }, 'WECHAT_PAY_PRIVATE_KEY', /neither PEM text nor the path of a readable file/],
      [{ ...publicKeyMode, WECHAT_PAY_PRIVATE_KEY: fixturePath('pubkey.pem') }, 'WECHAT_PAY_PRIVATE_KEY', /not a PEM private key/],
      [without('WECHAT_PAY_PUBLIC_KEY_ID'), 'WECHAT_PAY_PUBLIC_KEY, WECHAT_PAY_PUBLIC_KEY_ID', /go together/],
      [without('WECHAT_PAY_PUBLIC_KEY'), 'WECHAT_PAY_PUBLIC_KEY, WECHAT_PAY_PUBLIC_KEY_ID', /go together/],
      [{ ...publicKeyMode, WECHAT_PAY_PUBLIC_KEY_ID: '0119000001' }, 'WECHAT_PAY_PUBLIC_KEY_ID', /PUB_KEY_ID_/],
      [{ ...publicKeyMode, WECHAT_PAY_PUBLIC_KEY: fixturePath('README.md') }, 'WECHAT_PAY_PUBLIC_KEY', /holds no PEM block/],
      [{ ...publicKeyMode, WECHAT_PAY_PUBLIC_KEY: MERCHANT.publicKey.export({ type: 'spki', format: 'pem' }).toString() }, 'WECHAT_PAY_PUBLIC_KEY', /merchant's own public key/],
      [{ ...publicKeyMode, WECHAT_PAY_PLATFORM_CERTIFICATES: 'yes' }, 'WECHAT_PAY_PLATFORM_CERTIFICATES', /true or false/],
      [{ ...certificateMode, WECHAT_PAY_PLATFORM_CERTIFICATES: 'false' }, 'WECHAT_PAY_PUBLIC_KEY, WECHAT_PAY_PUBLIC_KEY_ID', /public key or its platform certificates/],
      [{ ...publicKeyMode, WECHAT_PAY_KEY: 'short' }, 'WECHAT_PAY_KEY', /32-character/],
    ];
    for (const [env, variable, message] of rows) {
      const error = configErrorOf(() => loadWeChatConfig(env, defaults));
      expect(error.variable, JSON.stringify(env)).to.equal(variable);
      expect(error.message.startsWith(`${variable} `), error.message).to.equal(true);
      expect(error.message).to.match(message);
    }
  });

  it('never quotes key material in a message', () => {
    const pem = fixtureText('merchant.key.pem');
    const keyLine = pem.split('\n')[1] ?? '';
    const secrets = [keyLine, 'weshopV3TestKey', 'X'.repeat(31)];
    const rows: Record<string, string>[] = [
      { ...publicKeyMode, WECHAT_PAY_PRIVATE_KEY: pem.split('\n').slice(1, 5).join('') },
      { ...publicKeyMode, WECHAT_PAY_PRIVATE_KEY: `-----BEGIN PRIVATE KEY-----\n${keyLine}\n-----END PRIVATE KEY-----` },
      { ...publicKeyMode, WECHAT_PAY_API_V3_KEY: 'weshopV3TestKey' },
      { ...publicKeyMode, WECHAT_PAY_API_V3_KEY: 'X'.repeat(31) },
      { ...publicKeyMode, WECHAT_PAY_PUBLIC_KEY: `-----BEGIN PUBLIC KEY-----\n${keyLine}\n-----END PUBLIC KEY-----` },
    ];
    for (const env of rows) {
      const { message } = configErrorOf(() => loadWeChatConfig(env, defaults));
      for (const secret of secrets) expect(message, message).to.not.include(secret);
    }
  });
});
