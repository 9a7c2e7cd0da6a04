import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { PaymentGatewayError, type PrepayRequest } from '../../../src/application/index.js';
import { answerXml } from '../../../src/adapters/wechat/payment-notification.codec.js';
import { RefundNotificationRejected, decodeRefundNotification } from '../../../src/adapters/wechat/refund-notification.codec.js';
import { decryptReqInfo, encryptReqInfo, refundAesKey } from '../../../src/adapters/wechat/refund-req-info.js';
import { sign } from '../../../src/adapters/wechat/sign.js';
import { WeChatPayClient } from '../../../src/adapters/wechat/wechat-pay.client.js';
import { buildXmlMessage } from '../../../src/adapters/wechat/xml.js';
import { rejectionOf } from '../../support/rejection.js';
import { NOW, type Receiver, type RunningSandbox, startReceiver, startSandbox } from '../../support/wechat-sandbox.js';
import { vectors } from './vectors.js';

const order: PrepayRequest = {
  outTradeNo: 'B1124200300001',
  totalFee: 3000,
  body: '退款测试',
  openid: 'oUser',
  clientIp: '127.0.0.1',
  timeExpire: new Date(NOW.getTime() + 3600_000),
};

const failureOf = (promise: Promise<unknown>) => rejectionOf(promise, PaymentGatewayError);

describe('refund req_info (AES-256-ECB with md5 of the key)', () => {
  it('derives the reference AES key', () => {
    const reference = (JSON.parse(readFileSync(new URL('../../fixtures/wechatpay/v2-vectors.json', import.meta.url), 'utf8')) as {
      refundNotifyKey: { key: string; aesKey: string };
    }).refundNotifyKey;
    expect(refundAesKey(reference.key).toString('utf8')).to.equal(reference.aesKey);
    expect(vectors.sign[0]!.key).to.equal(reference.key);
  });

  it('round-trips and refuses another key', () => {
    const secret = encryptReqInfo('<root><a>1</a></root>', 'k'.repeat(32));
    expect(decryptReqInfo(secret, 'k'.repeat(32))).to.equal('<root><a>1</a></root>');
    expect(() => decryptReqInfo(secret, 'x'.repeat(32))).to.throw();
    expect(() => decryptReqInfo('not base64!', 'k'.repeat(32))).to.throw();
  });
});

describe('refunds against the sandbox over loopback HTTP', () => {
  let running: RunningSandbox;
  let receiver: Receiver;
  let client: WeChatPayClient;
  let transactionId: string;

  beforeEach(async () => {
    receiver = await startReceiver([{ status: 200, body: answerXml(true) }]);
    running = await startSandbox({ refundSettleSeconds: null });
    client = running.client({}, { refundNotifyUrl: receiver.url });
    await client.prepay(order);
    transactionId = running.sandbox.pay(order.outTradeNo, 'SUCCESS', { notify: false }).transactionId!;
  });
  afterEach(async () => {
    await running.sandbox.close();
    await receiver.close();
  });

  const refundOf = (outRefundNo: string, refundFee: number) => ({ outRefundNo, transactionId, totalFee: 3000, refundFee, reason: '缺货' });

  it('refunds once per out_refund_no, however often it is sent', async () => {
    const refundId = await client.refund(refundOf(`R${transactionId}`, 3000));
    expect(refundId).to.match(/^5030\d{25}$/);
    expect(await client.refund(refundOf(`R${transactionId}`, 3000))).to.equal(refundId);
    expect(running.sandbox.refunds()).to.have.length(1);
  });

  it('refuses more than was paid and a changed amount for the same number as REJECTED', async () => {
    await client.refund(refundOf('R1', 2000));
    expect((await failureOf(client.refund(refundOf('R2', 1001)))).reason).to.equal('REJECTED');
    expect((await failureOf(client.refund(refundOf('R1', 1999)))).reason).to.equal('REJECTED');
    expect(await client.refund(refundOf('R3', 1000))).to.be.a('string');
  });

  it('queries a refund from PROCESSING to SUCCESS, and NOT_FOUND for an unknown one', async () => {
    expect(await client.queryRefund('R404')).to.deep.equal({ state: 'NOT_FOUND' });
    const refundId = await client.refund(refundOf('R1', 1000));
    expect(await client.queryRefund('R1')).to.deep.equal({ state: 'PROCESSING', refundId });
    running.sandbox.settleRefund('R1');
    expect(await client.queryRefund('R1')).to.deep.equal({ state: 'SUCCESS', refundId });
    await client.refund(refundOf('R2', 1000));
    running.sandbox.settleRefund('R2', 'REFUNDCLOSE');
    expect((await client.queryRefund('R2')).state).to.equal('REFUNDCLOSE');
  });

  it('sends an encrypted refund notification the codec opens', async () => {
    const refundId = await client.refund(refundOf('R1', 1000));
    running.sandbox.settleRefund('R1');
    await running.sandbox.idle();
    expect(receiver.bodies).to.have.length(1);
    expect(receiver.bodies[0]).not.to.contain('R1');
    expect(decodeRefundNotification(receiver.bodies[0]!, running.config)).to.deep.equal({
      outRefundNo: 'R1',
      refundId,
      refundStatus: 'SUCCESS',
    });
  });

  it('stalls refund requests on demand: unprocessed (the job resends) or processed with the answer lost', async () => {
    const impatient = running.client({ timeoutMs: 150 }, { refundNotifyUrl: receiver.url });
    running.sandbox.stall('/secapi/pay/refund');
    const lost = await failureOf(impatient.refund(refundOf('R1', 1000)));
    expect(lost.reason).to.equal('TIMEOUT');
    expect(await impatient.queryRefund('R1')).to.deep.equal({ state: 'NOT_FOUND' });
    expect(await impatient.refund(refundOf('R1', 1000))).to.be.a('string');

    running.sandbox.stall('/secapi/pay/refund', { processed: true });
    expect((await failureOf(impatient.refund(refundOf('R2', 500)))).reason).to.equal('TIMEOUT');
    expect((await impatient.queryRefund('R2')).state).to.equal('PROCESSING');
    expect(running.sandbox.refunds().map((refund) => refund.outRefundNo)).to.deep.equal(['R1', 'R2']);
    expect(running.sandbox.calls()['/secapi/pay/refund']).to.equal(3);
  });

  it('settles refunds by itself after refundSettleSeconds', async () => {
    await running.sandbox.close();
    running = await startSandbox({ refundSettleSeconds: 30 });
    const auto = running.client();
    await auto.prepay(order);
    const paid = running.sandbox.pay(order.outTradeNo, 'SUCCESS', { notify: false });
    await auto.refund({ ...refundOf('R1', 3000), transactionId: paid.transactionId! });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await auto.queryRefund('R1')).state).to.equal('SUCCESS');
  });
});

describe('decodeRefundNotification', () => {
  const config = { appId: 'wx_app', mchId: '1900000109', payKey: vectors.sign[0]!.key };
  const inner = (fields: Record<string, string> = {}) =>
    buildXmlMessage({ out_refund_no: 'R1', refund_id: '503000', refund_status: 'SUCCESS', refund_fee: '100', ...fields }, 'root');
  const outer = (reqInfo: string, fields: Record<string, string> = {}) =>
    buildXmlMessage({ return_code: 'SUCCESS', appid: config.appId, mch_id: config.mchId, nonce_str: 'n', req_info: reqInfo, ...fields });
  const rejection = (raw: string) => {
    try {
      decodeRefundNotification(raw, config);
    } catch (error) {
      expect(error).to.be.instanceOf(RefundNotificationRejected);
      return (error as RefundNotificationRejected).reason;
    }
    return 'ACCEPTED';
  };

  it('opens a notification encrypted with our key', () => {
    expect(decodeRefundNotification(outer(encryptReqInfo(inner(), config.payKey)), config)).to.deep.equal({
      outRefundNo: 'R1',
      refundId: '503000',
      refundStatus: 'SUCCESS',
    });
  });

  it('rejects another key, garbage, another merchant, a missing req_info, bad XML inside and out', () => {
    expect(rejection(outer(encryptReqInfo(inner(), 'x'.repeat(32))))).to.equal('BAD_REQ_INFO');
    expect(rejection(outer('AAAA'))).to.equal('BAD_REQ_INFO');
    expect(rejection(buildXmlMessage({ return_code: 'SUCCESS', appid: config.appId, mch_id: config.mchId }))).to.equal('BAD_REQ_INFO');
    expect(rejection(outer(encryptReqInfo(inner(), config.payKey), { appid: 'wx_other' }))).to.equal('WRONG_APPID');
    expect(rejection(outer(encryptReqInfo(inner(), config.payKey), { mch_id: '1' }))).to.equal('WRONG_MCH_ID');
    expect(rejection(outer(encryptReqInfo(inner(), config.payKey), { return_code: 'FAIL' }))).to.equal('NOT_A_REFUND');
    const xxe = '<!DOCTYPE root [<!ENTITY x SYSTEM "file:///etc/passwd">]><root><out_refund_no>&x;</out_refund_no></root>';
    expect(rejection(outer(encryptReqInfo(xxe, config.payKey)))).to.equal('BAD_REQ_INFO');
    expect(rejection(`<!DOCTYPE xml>${outer('x')}`)).to.equal('BAD_XML');
    expect(rejection(outer(encryptReqInfo(inner({ refund_status: 'MAYBE' }), config.payKey)))).to.equal('MISSING_FIELD');
  });
});

describe('refund over mutual TLS', () => {
  const tls = (name: string) => fileURLToPath(new URL(`../../fixtures/wechatpay/tls/${name}`, import.meta.url));
  const key = 'k'.repeat(32);

  async function tlsWeChat() {
    const seen: string[] = [];
    const server = createHttpsServer(
      { cert: readFileSync(tls('server.pem')), key: readFileSync(tls('server.key')), ca: readFileSync(tls('ca.pem')), requestCert: true, rejectUnauthorized: true },
      (request, response) => {
        seen.push(String((request.socket as TLSSocket).getPeerCertificate().subject.CN));
        request.resume();
        const fields = { return_code: 'SUCCESS', appid: 'wx_app', mch_id: '1900000109', nonce_str: 'n', result_code: 'SUCCESS', refund_id: '5030001' };
        response.end(buildXmlMessage({ ...fields, sign: sign(fields, key) }));
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise((r) => server.close(r)) };
  }

  const baseConfig = { appId: 'wx_app', mchId: '1900000109', payKey: key, signType: 'MD5' as const, notifyUrl: 'http://127.0.0.1/n' };
  const request = { outRefundNo: 'R1', transactionId: '42', totalFee: 100, refundFee: 100, reason: 'r' };

  it('presents the merchant certificate, PEM pair or p12', async () => {
    const wechat = await tlsWeChat();
    try {
      const trustedCa = readFileSync(tls('ca.pem'), 'utf8');
      const pem = new WeChatPayClient({ ...baseConfig, payApiBase: wechat.url, clientCertificate: { certPath: tls('client.pem'), keyPath: tls('client.key') } }, { trustedCa });
      expect(await pem.refund(request)).to.equal('5030001');
      const p12 = new WeChatPayClient({ ...baseConfig, payApiBase: wechat.url, clientCertificate: { p12Path: tls('client.p12'), passphrase: '1900000109' } }, { trustedCa });
      expect(await p12.refund(request)).to.equal('5030001');
      expect(wechat.seen).to.deep.equal(['1900000109', '1900000109']);

      const none = new WeChatPayClient({ ...baseConfig, payApiBase: wechat.url, clientCertificate: null }, { trustedCa });
      const error = await failureOf(none.refund(request));
      expect(error.reason).to.equal('COMMUNICATION');
      expect(error.message).to.contain('WECHAT_PAY_CLIENT_P12');
    } finally {
      await wechat.close();
    }
  });

  it('never treats a TLS failure as a final refusal', async () => {
    const wechat = await tlsWeChat();
    try {
      // the server's certificate is not trusted without the test CA
      const client = new WeChatPayClient(
        { ...baseConfig, payApiBase: wechat.url, clientCertificate: { certPath: tls('client.pem'), keyPath: tls('client.key') } },
        { maxRetries: 0 },
      );
      const error = await failureOf(client.refund(request));
      expect(error.reason).not.to.equal('REJECTED');
    } finally {
      await wechat.close();
    }
  });
});
