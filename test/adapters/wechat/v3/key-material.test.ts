import { expect } from 'chai';
import { inspect } from 'node:util';
import { loadCertificate, loadPrivateKey, loadPublicKey, readPemSetting } from '../../../../src/adapters/wechat/v3/index.js';
import { MERCHANT, PUBKEY, fixturePath, fixtureText } from './support/keys.js';

const errorOf = (load: () => unknown): Error => {
  try {
    load();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
};

describe('v3 key material from settings', () => {
  it('takes PEM text, a path, or one-line PEM with \\n escapes', () => {
    const pem = fixtureText('merchant.key.pem');
    for (const value of [pem, fixturePath('merchant.key.pem'), `  ${pem.trim().replace(/\n/g, '\\n')}  `]) {
      const key = loadPrivateKey(value, 'WECHAT_PAY_PRIVATE_KEY');
      expect(key.type).to.equal('private');
      expect(Buffer.compare(key.export({ type: 'pkcs8', format: 'der' }), MERCHANT.privateKey.export({ type: 'pkcs8', format: 'der' }))).to.equal(0);
    }
  });

  it('loads the WeChat Pay public key, and a public key from a certificate', () => {
    expect(loadPublicKey(fixturePath('pubkey.pem'), 'WECHAT_PAY_PUBLIC_KEY').equals(PUBKEY.publicKey)).to.equal(true);
    expect(loadPublicKey(fixtureText('platform-a.cert.pem'), 'X').type).to.equal('public');
    expect(loadCertificate(fixturePath('platform-b.cert.pem'), 'X').serialNumber).to.equal('4B2E1D6F8C3E5B7D9FA012345678901BCDEF0123');
  });

  it('names the setting and never echoes its value, even when the value is a key without its BEGIN line', () => {
    const pem = fixtureText('merchant.key.pem');
    const body = pem.split('\n').slice(1, 4).join('');
    const rows: Array<[() => unknown, RegExp]> = [
      [() => loadPrivateKey(body, 'WECHAT_PAY_PRIVATE_KEY'), /^WECHAT_PAY_PRIVATE_KEY is neither PEM text nor the path of a readable file$/],
      [() => loadPrivateKey(fixtureText('pubkey.pem'), 'WECHAT_PAY_PRIVATE_KEY'), /^WECHAT_PAY_PRIVATE_KEY is not a PEM private key/],
      [() => loadPublicKey(`-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----`, 'WECHAT_PAY_PUBLIC_KEY'), /^WECHAT_PAY_PUBLIC_KEY is not a PEM public key/],
      [() => loadPublicKey(fixturePath('README.md'), 'WECHAT_PAY_PUBLIC_KEY'), /^WECHAT_PAY_PUBLIC_KEY names a file that holds no PEM block$/],
      [() => readPemSetting('   ', 'WECHAT_PAY_PUBLIC_KEY'), /^WECHAT_PAY_PUBLIC_KEY is empty/],
      [() => loadCertificate(fixtureText('pubkey.pem'), 'CERT'), /^CERT is not a PEM certificate$/],
    ];
    for (const [load, message] of rows) {
      const error = errorOf(load);
      expect(error.message).to.match(message);
      expect(error.message).not.to.contain(body.slice(0, 20));
    }
  });

  it('a loaded key prints no key material', () => {
    const key = loadPrivateKey(fixtureText('merchant.key.pem'), 'K');
    const printed = `${inspect(key)} ${JSON.stringify({ key })} ${String(key)}`;
    const material = fixtureText('merchant.key.pem').split('\n')[1]!.slice(0, 16);
    expect(printed).not.to.contain(material);
  });
});
