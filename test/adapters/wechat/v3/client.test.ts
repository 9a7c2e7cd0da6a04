import { expect } from 'chai';
import { verify } from 'node:crypto';
import type { PrepayRequest } from '../../../../src/application/index.js';
import { APP_ID, MCH_ID, MERCHANT, NOW, NOW_SECONDS, PLATFORM_A, PUBKEY } from './support/keys.js';
import { failureOf, v3For } from './support/client.js';
import { type StubWeChat, startStubWeChat } from './support/stub-wechat.js';

const request: PrepayRequest = {
  outTradeNo: 'B1124200312345',
  totalFee: 2590,
  body: '测试商品等',
  openid: 'oUpF8uMEb4qRXf22hE3X68TekukE',
  clientIp: '::ffff:10.0.0.7',
  timeExpire: new Date(NOW.getTime() + 30 * 60 * 1000),
};
const trade = (overrides: Record<string, unknown> = {}) => ({
  appid: APP_ID,
  mchid: MCH_ID,
  out_trade_no: request.outTradeNo,
  transaction_id: '4200000001202611240000000001',
  trade_type: 'JSAPI',
  trade_state: 'SUCCESS',
  success_time: '2026-11-24T20:01:02+08:00',
  amount: { total: 2590, payer_total: 2590, currency: 'CNY' },
  ...overrides,
});

describe('WeChatPayV3Client against a stub WeChat on loopback', () => {
  let stub: StubWeChat;
  beforeEach(async () => {
    stub = await startStubWeChat();
  });
  afterEach(() => stub.close());

  it('prepays JSAPI with a signed request WeChat can verify, and reads the prepay id', async () => {
    stub.handle(() => ({ json: { prepay_id: 'wx24200000000000000000000000000001' } }));
    expect(await v3For(stub.url).client.prepay({ ...request, body: '商'.repeat(60) })).to.equal('wx24200000000000000000000000000001');
    const [sent] = stub.requests;
    expect(sent).to.include({ method: 'POST', url: '/v3/pay/transactions/jsapi', authorized: true });
    expect(sent!.headers).to.include({ 'wechatpay-serial': PUBKEY.serial, accept: 'application/json', 'content-type': 'application/json' });
    expect(sent!.headers['user-agent']).to.be.a('string');
    expect(JSON.parse(sent!.body)).to.deep.equal({
      appid: APP_ID,
      mchid: MCH_ID,
      // 42 three-byte characters fill 126 bytes; a 43rd would pass 127.
      description: '商'.repeat(42),
      out_trade_no: request.outTradeNo,
      time_expire: '2026-11-24T20:30:00+08:00',
      notify_url: 'https://shop.example/api/v1/pay/notify',
      amount: { total: 2590, currency: 'CNY' },
      payer: { openid: request.openid },
      scene_info: { payer_client_ip: '10.0.0.7' },
    });
  });

  it('signs wx.requestPayment with RSA over appId\\ntimeStamp\\nnonceStr\\npackage\\n', () => {
    const params = v3For(stub.url).client.paymentParams('wx24200000000000000000000000000001');
    expect(params).to.include({ timeStamp: String(NOW_SECONDS), nonceStr: 'fixedNonce', package: 'prepay_id=wx24200000000000000000000000000001', signType: 'RSA' });
    const message = `${APP_ID}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    expect(verify('sha256', Buffer.from(message), MERCHANT.publicKey, Buffer.from(params.paySign, 'base64'))).to.equal(true);
  });

  it('believes no answer whose signature fails: wrong key, unknown serial, unsigned, edited, stale', async () => {
    const answers = [
      { signWith: PLATFORM_A },
      { signWith: PLATFORM_A, sign: { serial: PUBKEY.serial } },
      { signWith: MERCHANT, sign: { serial: PUBKEY.serial } },
      { signWith: null },
      { tamper: (body: string) => body.replace('wx24', 'wx99') },
      { sign: { timestamp: NOW_SECONDS - 301 } },
      { sign: { signature: 'WECHATPAY/SIGNTEST/AAAA' } },
    ];
    for (const answer of answers) {
      stub.handle(() => ({ json: { prepay_id: 'wx24200000000000000000000000000001' }, ...answer }));
      expect((await failureOf(v3For(stub.url).client.prepay(request))).reason, JSON.stringify(answer.sign ?? answer.signWith?.serial ?? 'edited')).to.equal('INVALID_RESPONSE');
    }
  });

  it("turns WeChat's signed error codes into the v2 reasons, and refuses to believe unsigned ones", async () => {
    const rows: Array<[number, string, string, string]> = [
      [403, 'OUT_TRADE_NO_USED', '商户订单号重复', 'OUT_TRADE_NO_USED'],
      [400, 'INVALID_REQUEST', '201 商户订单号重复', 'OUT_TRADE_NO_USED'],
      [400, 'ORDERPAID', '该订单已支付', 'ORDERPAID'],
      [400, 'ORDER_CLOSED', '订单已关闭', 'ORDERCLOSED'],
      [400, 'PARAM_ERROR', '参数错误', 'REJECTED'],
      [429, 'FREQUENCY_LIMITED', '频率超限', 'SYSTEMERROR'],
    ];
    for (const [status, code, message, reason] of rows) {
      stub.handle(() => ({ status, json: { code, message } }));
      const failure = await failureOf(v3For(stub.url).client.prepay(request));
      expect(failure.reason, code).to.equal(reason);
      expect(failure.message).to.contain(code);
    }
    stub.handle(() => ({ status: 400, json: { code: 'ORDERPAID', message: 'forged' }, signWith: null }));
    expect((await failureOf(v3For(stub.url).client.closeTrade(request.outTradeNo))).reason, 'unsigned').to.equal('COMMUNICATION');
    stub.handle(() => ({ status: 400, json: { code: 'ORDERPAID', message: 'forged' }, signWith: PLATFORM_A, sign: { serial: PUBKEY.serial } }));
    expect((await failureOf(v3For(stub.url).client.closeTrade(request.outTradeNo))).reason, 'badly signed').to.equal('INVALID_RESPONSE');
  });

  it('retries SYSTEM_ERROR and 5xx with backoff, then succeeds; reports SYSTEMERROR once the tries run out', async () => {
    let calls = 0;
    stub.handle(() => (++calls < 3 ? { status: 500, json: { code: 'SYSTEM_ERROR', message: '系统异常' } } : { json: { prepay_id: 'wx3' } }));
    expect(await v3For(stub.url, {}, { maxRetries: 2 }).client.prepay(request)).to.equal('wx3');
    expect(stub.requests).to.have.length(3);
    stub.handle(() => ({ status: 500, json: { code: 'SYSTEM_ERROR', message: '系统异常' } }));
    expect((await failureOf(v3For(stub.url, {}, { maxRetries: 1 }).client.prepay(request))).reason).to.equal('SYSTEMERROR');
    stub.handle(() => ({ status: 502, raw: '<html>bad gateway</html>', signWith: null }));
    expect((await failureOf(v3For(stub.url, {}, { maxRetries: 1 }).client.prepay(request))).reason, 'a proxy 502').to.equal('COMMUNICATION');
  });

  it('times out, fails to connect and refuses an oversized or non-JSON answer with the v2 reasons', async () => {
    stub.handle(() => ({ hang: true }));
    expect((await failureOf(v3For(stub.url, {}, { timeoutMs: 100, maxRetries: 1 }).client.prepay(request))).reason).to.equal('TIMEOUT');
    expect(stub.requests).to.have.length(2);
    expect((await failureOf(v3For('http://127.0.0.1:9').client.prepay(request))).reason).to.equal('COMMUNICATION');
    stub.handle(() => ({ raw: JSON.stringify({ prepay_id: 'x'.repeat(300 * 1024) }) }));
    expect((await failureOf(v3For(stub.url).client.prepay(request))).reason).to.equal('INVALID_RESPONSE');
    stub.handle(() => ({ raw: 'prepay_id=wx1' }));
    expect((await failureOf(v3For(stub.url).client.prepay(request))).reason).to.equal('INVALID_RESPONSE');
    stub.handle(() => ({ json: { prepay_id: 42 } }));
    expect((await failureOf(v3For(stub.url).client.prepay(request))).reason).to.equal('INVALID_RESPONSE');
  });

  it('refuses an amount that is not a positive integer of fen before sending anything', async () => {
    expect((await failureOf(v3For(stub.url).client.prepay({ ...request, totalFee: 25.9 }))).reason).to.equal('REJECTED');
    expect(stub.requests).to.have.length(0);
  });

  it('queries by out_trade_no with mchid, in fen, and answers NOT_FOUND for ORDER_NOT_EXIST', async () => {
    const outTradeNo = 'B11|24*2_0-3';
    stub.handle(() => ({ json: trade({ out_trade_no: outTradeNo }) }));
    expect(await v3For(stub.url).client.queryTrade(outTradeNo)).to.deep.equal({
      state: 'SUCCESS',
      outTradeNo,
      transactionId: '4200000001202611240000000001',
      totalFee: 2590,
      paidAt: new Date('2026-11-24T12:01:02.000Z'),
    });
    expect(stub.requests[0]).to.include({ method: 'GET', url: '/v3/pay/transactions/out-trade-no/B11%7C24*2_0-3?mchid=1900000109', body: '', authorized: true });
    stub.handle(() => ({ json: trade({ trade_state: 'NOTPAY', transaction_id: undefined, success_time: undefined }) }));
    expect(await v3For(stub.url).client.queryTrade(request.outTradeNo)).to.deep.equal({ state: 'NOTPAY', outTradeNo: request.outTradeNo, totalFee: 2590 });
    stub.handle(() => ({ status: 404, json: { code: 'ORDER_NOT_EXIST', message: '订单不存在' } }));
    expect(await v3For(stub.url).client.queryTrade('NOPE123')).to.deep.equal({ state: 'NOT_FOUND', outTradeNo: 'NOPE123' });
  });

  it("refuses a query answer for another merchant, another trade, an unknown state or a non-integer amount", async () => {
    for (const overrides of [{ mchid: '1900000999' }, { appid: 'wx_other' }, { out_trade_no: 'OTHER' }, { trade_state: 'ACCEPTED' }, { amount: { total: 25.9 } }]) {
      stub.handle(() => ({ json: trade(overrides) }));
      expect((await failureOf(v3For(stub.url).client.queryTrade(request.outTradeNo))).reason, JSON.stringify(overrides)).to.equal('INVALID_RESPONSE');
    }
  });

  it('closes with POST …/close and a 204; a paid trade is ORDERPAID', async () => {
    stub.handle(() => ({ status: 204 }));
    await v3For(stub.url).client.closeTrade(request.outTradeNo);
    expect(stub.requests[0]).to.include({ method: 'POST', url: `/v3/pay/transactions/out-trade-no/${request.outTradeNo}/close`, body: JSON.stringify({ mchid: MCH_ID }) });
    stub.handle(() => ({ status: 400, json: { code: 'ORDERPAID', message: '订单已支付' } }));
    expect((await failureOf(v3For(stub.url).client.closeTrade(request.outTradeNo))).reason).to.equal('ORDERPAID');
  });
});
