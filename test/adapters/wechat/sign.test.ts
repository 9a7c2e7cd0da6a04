import { expect } from 'chai';
import { canonicalString, sign, verifySignature } from '../../../src/adapters/wechat/sign.js';
import { WeChatPayClient } from '../../../src/adapters/wechat/wechat-pay.client.js';
import { vectors } from './vectors.js';

describe('WeChat Pay v2 signatures', () => {
  for (const vector of vectors.sign) {
    it('builds stringSignTemp as the reference does', () => {
      expect(`${canonicalString(vector.params)}&key=${vector.key}`).to.equal(vector.stringSignTemp);
    });
    it('reproduces the reference MD5 and HMAC-SHA256 signatures', () => {
      expect(sign(vector.params, vector.key, 'MD5')).to.equal(vector.MD5);
      expect(sign(vector.params, vector.key, 'HMAC-SHA256')).to.equal(vector['HMAC-SHA256']);
    });
  }

  for (const vector of vectors.paySign) {
    it(`reproduces the reference paySign (${vector.params.signType}, ${vector.params.appId})`, () => {
      const signType = vector.params.signType as 'MD5' | 'HMAC-SHA256';
      expect(sign(vector.params, vector.key, signType)).to.equal(vector.paySign);
    });
  }

  it('signs wx.requestPayment parameters as the reference does, without returning appId', () => {
    const vector = vectors.paySign[0]!;
    const client = new WeChatPayClient(
      { appId: vector.params.appId!, mchId: '1', payKey: vector.key, signType: 'MD5', notifyUrl: 'http://127.0.0.1/n', payApiBase: 'http://127.0.0.1' },
      { now: () => new Date(Number(vector.params.timeStamp) * 1000), nonce: () => vector.params.nonceStr! },
    );
    const params = client.paymentParams(vector.params.package!.replace('prepay_id=', ''));
    expect(params).to.deep.equal({
      timeStamp: vector.params.timeStamp,
      nonceStr: vector.params.nonceStr,
      package: vector.params.package,
      signType: 'MD5',
      paySign: vector.paySign,
    });
    expect(params).not.to.have.property('appId');
  });

  it('skips empty values and the sign field itself', () => {
    const vector = vectors.sign[0]!;
    const noisy = { ...vector.params, sign: 'WHATEVER', attach: '', detail: undefined };
    expect(sign(noisy, vector.key, 'MD5')).to.equal(vector.MD5);
  });

  it('verifies a matching signature and refuses a changed field, a truncated sign or the other algorithm', () => {
    const vector = vectors.sign[0]!;
    expect(verifySignature({ ...vector.params, sign: vector.MD5 }, vector.key, 'MD5')).to.equal(true);
    expect(verifySignature({ ...vector.params, sign: vector.MD5.toLowerCase() }, vector.key, 'MD5')).to.equal(true);
    expect(verifySignature({ ...vector.params, body: 'tesT', sign: vector.MD5 }, vector.key, 'MD5')).to.equal(false);
    expect(verifySignature({ ...vector.params, sign: vector.MD5.slice(0, 31) }, vector.key, 'MD5')).to.equal(false);
    expect(verifySignature({ ...vector.params, sign: vector.MD5 }, vector.key, 'HMAC-SHA256')).to.equal(false);
    expect(verifySignature({ ...vector.params, sign: vector['HMAC-SHA256'] }, vector.key, 'MD5')).to.equal(false);
    expect(verifySignature({ ...vector.params }, vector.key, 'MD5')).to.equal(false);
  });
});
