import { expect } from 'chai';
import { MemoryCertificateStore, createWeChatPayV3 } from '../../../../src/adapters/wechat/v3/index.js';
import { API_V3_KEY, APP_ID, MCH_ID, MERCHANT, MERCHANT_SERIAL, PLATFORM_A, PLATFORM_A_CERT, PLATFORM_B, PLATFORM_B_CERT, PUBKEY } from './support/keys.js';
import { certificatesAnswer } from './support/certificates.js';
import { failureOf, v3For } from './support/client.js';
import { envelope, signedNotification, transaction } from './support/messages.js';
import { type StubAnswer, type StubRequest, type StubWeChat, startStubWeChat } from './support/stub-wechat.js';

const TRADE = { appid: APP_ID, mchid: MCH_ID, out_trade_no: 'B1', trade_state: 'NOTPAY', amount: { total: 1 } };

/** A stub WeChat that lists `listed` at /v3/certificates and answers queries signed by `signer(request)`. */
function wechat(listed: Array<typeof PLATFORM_A_CERT>, listSigner: typeof PLATFORM_A, signer: (request: StubRequest) => StubAnswer['signWith']) {
  return (request: StubRequest): StubAnswer => {
    if (request.url === '/v3/certificates') return certificatesAnswer(listed, listSigner);
    const signWith = signer(request);
    return { json: TRADE, ...(signWith === undefined ? {} : { signWith }) };
  };
}

describe('v3 key modes, chosen per message', () => {
  let stub: StubWeChat;
  beforeEach(async () => {
    stub = await startStubWeChat();
  });
  afterEach(() => stub.close());

  it('public-key mode asks for the public key (Wechatpay-Serial) and believes no certificate signature', async () => {
    stub.handle(wechat([], PLATFORM_A, () => undefined));
    expect((await v3For(stub.url).client.queryTrade('B1')).state).to.equal('NOTPAY');
    expect(stub.requests[0]!.headers['wechatpay-serial']).to.equal(PUBKEY.serial);
    stub.handle(wechat([], PLATFORM_A, () => PLATFORM_A));
    expect((await failureOf(v3For(stub.url).client.queryTrade('B1'))).reason).to.equal('INVALID_RESPONSE');
  });

  it('certificate mode downloads the certificates first, sends no public key id, and believes no public-key signature', async () => {
    stub.handle(wechat([PLATFORM_A_CERT], PLATFORM_A, () => undefined));
    const v3 = v3For(stub.url, { publicKey: null, platformCertificates: true });
    await v3.certificates!.start();
    v3.certificates!.stop();
    expect((await v3.client.queryTrade('B1')).state).to.equal('NOTPAY');
    expect(stub.requests.map((request) => request.headers['wechatpay-serial'])).to.deep.equal([undefined, undefined]);
    const notification = signedNotification(envelope(transaction()), { key: PLATFORM_A });
    expect((await v3.paymentNotifications.decode(notification)).totalFee).to.equal(2590);
    stub.handle(wechat([PLATFORM_A_CERT], PLATFORM_A, () => PUBKEY));
    expect((await failureOf(v3.client.queryTrade('B1'))).reason).to.equal('INVALID_RESPONSE');
  });

  it('the switch-over believes both kinds, message by message, and a certificate rotation in the middle loses nothing', async () => {
    let turn = 0;
    const kinds = [PUBKEY, PLATFORM_A, PUBKEY, PLATFORM_A, PLATFORM_B, PUBKEY, PLATFORM_B];
    stub.handle(wechat([PLATFORM_A_CERT], PLATFORM_A, () => kinds[turn++]));
    const v3 = v3For(stub.url, { platformCertificates: true }, { certificateStore: new MemoryCertificateStore() });
    await v3.certificates!.start();
    v3.certificates!.stop();
    for (let i = 0; i < 4; i++) expect((await v3.client.queryTrade('B1')).state).to.equal('NOTPAY');
    // WeChat rotates: it lists both certificates and starts signing with the new one.
    stub.handle(wechat([PLATFORM_A_CERT, PLATFORM_B_CERT], PLATFORM_B, () => kinds[turn++]));
    for (let i = 0; i < 3; i++) expect((await v3.client.queryTrade('B1')).state).to.equal('NOTPAY');
    for (const key of [PUBKEY, PLATFORM_A, PLATFORM_B]) {
      expect((await v3.paymentNotifications.decode(signedNotification(envelope(transaction()), { key }))).outTradeNo).to.equal('B1124200312345');
    }
    const forged = signedNotification(envelope(transaction()), { key: MERCHANT, serial: PLATFORM_B.serial });
    expect(await v3.paymentNotifications.decode(forged).then(() => 'ACCEPTED', (error: Error) => error.message)).to.match(/does not verify/);
  });

  it('refuses to start without a key to verify with, or with an APIv3 key of the wrong length', () => {
    const base = { appId: APP_ID, mchId: MCH_ID, mchSerial: MERCHANT_SERIAL, privateKey: MERCHANT.privateKey, apiV3Key: API_V3_KEY, payApiBase: 'http://127.0.0.1:9', notifyUrl: 'https://shop.example/n' };
    expect(() => createWeChatPayV3(base)).to.throw(/WECHAT_PAY_PUBLIC_KEY and WECHAT_PAY_PUBLIC_KEY_ID, or platform certificates/);
    expect(() => createWeChatPayV3({ ...base, apiV3Key: 'short', publicKey: { id: PUBKEY.serial, key: PUBKEY.publicKey } })).to.throw(/32 bytes, not 5/);
  });
});
