import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { createPrivateKey, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RequestSigner } from '../../../../src/adapters/wechat/v3/index.js';
import { MCH_ID, MERCHANT, MERCHANT_SERIAL, NOW, PUBKEY, fixtureText } from './support/keys.js';

const signer = () => new RequestSigner({ mchId: MCH_ID, serialNo: MERCHANT_SERIAL, privateKey: MERCHANT.privateKey }, { now: () => NOW, nonce: () => 'n0nce' });

function fieldsOf(authorization: string): Record<string, string> {
  const match = /^WECHATPAY2-SHA256-RSA2048 (mchid="[^"]*",nonce_str="[^"]*",timestamp="[^"]*",serial_no="[^"]*",signature="[^"]*")$/.exec(authorization);
  expect(match, authorization).to.not.equal(null);
  return Object.fromEntries([...match![1]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

describe('RequestSigner', () => {
  it("reproduces the official Go SDK's known-answer signature", () => {
    const reference = JSON.parse(fixtureText('signer-vector.json')) as { message: string; signature: string };
    const sdkKey = createPrivateKey(fixtureText('sdk-test-private-key.pem'));
    const sdkSigner = new RequestSigner({ mchId: '1234567890', serialNo: 'F5765756002FDD77', privateKey: sdkKey });
    expect(sdkSigner.sign(reference.message)).to.equal(reference.signature);
  });

  it('writes the Authorization header over METHOD\\nURL\\nTIMESTAMP\\nNONCE\\nBODY\\n, verifiable with the merchant public key', () => {
    const body = JSON.stringify({ mchid: MCH_ID, note: '中文' });
    const fields = fieldsOf(signer().authorization('post', '/v3/pay/transactions/jsapi', body));
    expect(fields).to.include({ mchid: MCH_ID, nonce_str: 'n0nce', timestamp: String(NOW.getTime() / 1000), serial_no: MERCHANT_SERIAL });
    const message = `POST\n/v3/pay/transactions/jsapi\n${fields.timestamp}\nn0nce\n${body}\n`;
    expect(verify('sha256', Buffer.from(message), MERCHANT.publicKey, Buffer.from(fields.signature!, 'base64'))).to.equal(true);
    expect(verify('sha256', Buffer.from(message), PUBKEY.publicKey, Buffer.from(fields.signature!, 'base64')), 'another key pair').to.equal(false);
  });

  it('signs GET with the query and an empty body', () => {
    const fields = fieldsOf(signer().authorization('GET', '/v3/pay/transactions/out-trade-no/A1?mchid=1900000109', ''));
    const message = `GET\n/v3/pay/transactions/out-trade-no/A1?mchid=1900000109\n${fields.timestamp}\nn0nce\n\n`;
    expect(verify('sha256', Buffer.from(message), MERCHANT.publicKey, Buffer.from(fields.signature!, 'base64'))).to.equal(true);
  });

  it('refuses to sign an absolute URL (WeChat signs the path and query only)', () => {
    expect(() => signer().authorization('GET', 'https://api.mch.weixin.qq.com/v3/certificates', '')).to.throw(/path and query/);
  });

  it("signs paySign over appId\\ntimeStamp\\nnonceStr\\npackage\\n, and openssl agrees", () => {
    const paySign = signer().paySign('wx_app', '1795867200', 'nonceX', 'prepay_id=wx201410272009395522657a690389285100');
    const message = 'wx_app\n1795867200\nnonceX\nprepay_id=wx201410272009395522657a690389285100\n';
    // A second opinion from outside node's crypto: the openssl command line.
    const dir = mkdtempSync(join(tmpdir(), 'weshop-v3-'));
    try {
      writeFileSync(join(dir, 'public.pem'), MERCHANT.publicKey.export({ type: 'spki', format: 'pem' }));
      writeFileSync(join(dir, 'message'), message);
      writeFileSync(join(dir, 'signature'), Buffer.from(paySign, 'base64'));
      const run = (file: string) => execFileSync('openssl', ['dgst', '-sha256', '-verify', join(dir, 'public.pem'), '-signature', join(dir, 'signature'), join(dir, file)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(run('message')).to.match(/Verified OK/);
      writeFileSync(join(dir, 'other'), message.replace('nonceX', 'nonceY'));
      expect(() => run('other')).to.throw();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a public key where the private key belongs', () => {
    expect(() => new RequestSigner({ mchId: MCH_ID, serialNo: MERCHANT_SERIAL, privateKey: MERCHANT.publicKey })).to.throw(/private key/);
  });
});
