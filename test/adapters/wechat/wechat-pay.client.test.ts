import { expect } from 'chai';
import { PaymentGatewayError, type PrepayRequest } from '../../../src/application/index.js';
import { sign } from '../../../src/adapters/wechat/sign.js';
import { WeChatPayClient } from '../../../src/adapters/wechat/wechat-pay.client.js';
import { buildXmlMessage, parseXmlMessage } from '../../../src/adapters/wechat/xml.js';
import { rejectionOf } from '../../support/rejection.js';
import { NOW, type RunningSandbox, startSandbox } from '../../support/wechat-sandbox.js';

const request: PrepayRequest = {
  outTradeNo: 'B1124200312345',
  totalFee: 2590,
  body: '测试商品等',
  openid: 'oUpF8uMEb4qRXf22hE3X68TekukE',
  clientIp: '::ffff:10.0.0.7',
  timeExpire: new Date(NOW.getTime() + 30 * 60 * 1000),
};

const failureOf = (promise: Promise<unknown>) => rejectionOf(promise, PaymentGatewayError);

describe('WeChatPayClient against the sandbox over loopback HTTP', () => {
  let running: RunningSandbox;
  beforeEach(async () => {
    running = await startSandbox();
  });
  afterEach(() => running.sandbox.close());

  it('prepays a JSAPI order and signs wx.requestPayment with the same key', async () => {
    const client = running.client();
    const prepayId = await client.prepay(request);
    expect(prepayId).to.match(/^wx20261124200000[0-9a-f]{20}$/);
    const order = running.sandbox.orders()[0]!;
    expect(order).to.include({ outTradeNo: request.outTradeNo, totalFee: '2590', timeExpire: '20261124203000', state: 'NOTPAY' });
    const params = client.paymentParams(prepayId);
    expect(params.package).to.equal(`prepay_id=${prepayId}`);
    expect(params.timeStamp).to.equal(String(NOW.getTime() / 1000));
    const { paySign, ...signed } = params;
    expect(paySign).to.equal(sign({ appId: running.config.appId, ...signed }, running.config.payKey, 'MD5'));
  });

  it('answers the same prepay id for the same out_trade_no and parameters', async () => {
    const client = running.client();
    expect(await client.prepay(request)).to.equal(await client.prepay(request));
  });

  it('refuses the same out_trade_no with changed parameters as OUT_TRADE_NO_USED', async () => {
    const client = running.client();
    await client.prepay(request);
    const error = await failureOf(client.prepay({ ...request, totalFee: 2591 }));
    expect(error.reason).to.equal('OUT_TRADE_NO_USED');
  });

  it('works the same with HMAC-SHA256', async () => {
    const client = running.client({}, { signType: 'HMAC-SHA256' });
    const prepayId = await client.prepay(request);
    expect(client.paymentParams(prepayId)).to.include({ signType: 'HMAC-SHA256' });
    expect(client.paymentParams(prepayId).paySign).to.have.length(64);
  });

  it('reports a wrong merchant key as the signature error WeChat answers', async () => {
    const error = await failureOf(running.client({}, { payKey: 'x'.repeat(32) }).prepay(request));
    expect(error.reason).to.equal('COMMUNICATION');
    expect(error.message).to.contain('签名错误');
  });

  it('queries and closes trades; paid and closed trades answer typed errors', async () => {
    const client = running.client();
    expect(await client.queryTrade('NOPE123')).to.deep.equal({ state: 'NOT_FOUND', outTradeNo: 'NOPE123' });
    await client.prepay(request);
    expect(await client.queryTrade(request.outTradeNo)).to.deep.equal({ state: 'NOTPAY', outTradeNo: request.outTradeNo, totalFee: 2590 });

    await client.closeTrade(request.outTradeNo);
    expect((await client.queryTrade(request.outTradeNo)).state).to.equal('CLOSED');
    expect((await failureOf(client.closeTrade(request.outTradeNo))).reason).to.equal('ORDERCLOSED');
    expect((await failureOf(client.prepay(request))).reason).to.equal('ORDERCLOSED');

    const paid = { ...request, outTradeNo: 'B1124200312345_2' };
    await client.prepay(paid);
    const { transactionId } = running.sandbox.pay(paid.outTradeNo);
    expect(await client.queryTrade(paid.outTradeNo)).to.deep.equal({
      state: 'SUCCESS',
      outTradeNo: paid.outTradeNo,
      transactionId,
      totalFee: 2590,
      paidAt: NOW,
    });
    expect((await failureOf(client.closeTrade(paid.outTradeNo))).reason).to.equal('ORDERPAID');
    expect((await failureOf(client.prepay(paid))).reason).to.equal('ORDERPAID');
  });

  it('truncates body to 128 bytes of UTF-8 without splitting a character', async () => {
    await running.client().prepay({ ...request, body: '商'.repeat(60) });
    // 42 three-byte characters fill 126 bytes; a 43rd would pass 128.
    expect(running.sandbox.orders()[0]!.fingerprint).to.contain(`body=${'商'.repeat(42)}&`);
  });

  it('refuses a total_fee that is not a positive integer of fen before sending anything', async () => {
    expect((await failureOf(running.client().prepay({ ...request, totalFee: 25.9 }))).reason).to.equal('REJECTED');
    expect(running.sandbox.orders()).to.have.length(0);
  });
});

describe('WeChatPayClient failure handling', () => {
  const config = {
    appId: 'wx_app',
    mchId: '1900000109',
    payKey: 'k'.repeat(32),
    signType: 'MD5' as const,
    notifyUrl: 'http://127.0.0.1/notify',
    payApiBase: 'http://wechat.test',
  };

  function answering(...answers: Array<Record<string, string> | 'hang' | 'refuse'>) {
    const seen: Array<Record<string, string>> = [];
    const fetchStub = (async (_url: string, init: RequestInit) => {
      seen.push({ ...parseXmlMessage(String(init.body)) });
      const next = answers[Math.min(seen.length, answers.length) - 1]!;
      if (next === 'refuse') throw new TypeError('fetch failed');
      if (next === 'hang') {
        return new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)));
      }
      return new Response(buildXmlMessage(next), { status: 200 });
    }) as unknown as typeof fetch;
    return { fetchStub, seen };
  }

  const signedAnswer = (fields: Record<string, string>, key = config.payKey) => {
    const all = { return_code: 'SUCCESS', return_msg: 'OK', appid: config.appId, mch_id: config.mchId, nonce_str: 'n', ...fields };
    return { ...all, sign: sign(all, key, 'MD5') };
  };

  it('retries SYSTEMERROR with the same order, then succeeds', async () => {
    const { fetchStub, seen } = answering(
      signedAnswer({ result_code: 'FAIL', err_code: 'SYSTEMERROR', err_code_des: '系统超时' }),
      signedAnswer({ result_code: 'SUCCESS', prepay_id: 'wx_prepay' }),
    );
    const client = new WeChatPayClient(config, { fetch: fetchStub, maxRetries: 2, backoffMs: 1 });
    expect(await client.prepay(request)).to.equal('wx_prepay');
    expect(seen).to.have.length(2);
    const orderOf = (fields: Record<string, string>) => {
      const { nonce_str: _nonce, sign: _sign, ...order } = fields;
      return order;
    };
    expect(orderOf(seen[1]!)).to.deep.equal(orderOf(seen[0]!));
    expect(seen[0]).to.include({ spbill_create_ip: '10.0.0.7', trade_type: 'JSAPI', total_fee: '2590', sign_type: 'MD5' });
  });

  it('gives up after the configured retries with a typed error', async () => {
    const systemError = answering(signedAnswer({ result_code: 'FAIL', err_code: 'SYSTEMERROR' }));
    const client = new WeChatPayClient(config, { fetch: systemError.fetchStub, maxRetries: 2, backoffMs: 1 });
    expect((await failureOf(client.prepay(request))).reason).to.equal('SYSTEMERROR');
    expect(systemError.seen).to.have.length(3);

    const hanging = answering('hang');
    const slow = new WeChatPayClient(config, { fetch: hanging.fetchStub, maxRetries: 1, backoffMs: 1, timeoutMs: 20 });
    expect((await failureOf(slow.queryTrade('B1'))).reason).to.equal('TIMEOUT');
    expect(hanging.seen).to.have.length(2);

    const refused = answering('refuse', signedAnswer({ result_code: 'SUCCESS', trade_state: 'NOTPAY' }));
    const flaky = new WeChatPayClient(config, { fetch: refused.fetchStub, maxRetries: 1, backoffMs: 1 });
    expect((await flaky.queryTrade('B1')).state).to.equal('NOTPAY');
  });

  it('rejects an answer whose signature does not verify, or that is for another merchant', async () => {
    const forged = answering(signedAnswer({ result_code: 'SUCCESS', prepay_id: 'wx_evil' }, 'z'.repeat(32)));
    const client = new WeChatPayClient(config, { fetch: forged.fetchStub, maxRetries: 2, backoffMs: 1 });
    expect((await failureOf(client.prepay(request))).reason).to.equal('INVALID_RESPONSE');
    expect(forged.seen).to.have.length(1);

    const unsigned = answering({ return_code: 'SUCCESS', result_code: 'SUCCESS', prepay_id: 'wx_evil' });
    const second = new WeChatPayClient(config, { fetch: unsigned.fetchStub });
    expect((await failureOf(second.prepay(request))).reason).to.equal('INVALID_RESPONSE');

    const other = answering(signedAnswer({ result_code: 'SUCCESS', prepay_id: 'wx', mch_id: '1' }));
    expect((await failureOf(new WeChatPayClient(config, { fetch: other.fetchStub }).prepay(request))).reason).to.equal('INVALID_RESPONSE');
  });

  it('reads INVALID_REQUEST "201 商户订单号重复" as OUT_TRADE_NO_USED', async () => {
    const reused = answering(signedAnswer({ result_code: 'FAIL', err_code: 'INVALID_REQUEST', err_code_des: '201 商户订单号重复' }));
    expect((await failureOf(new WeChatPayClient(config, { fetch: reused.fetchStub }).prepay(request))).reason).to.equal('OUT_TRADE_NO_USED');
  });

  it('maps return_code FAIL to COMMUNICATION and unknown err_codes to REJECTED', async () => {
    const fail = answering({ return_code: 'FAIL', return_msg: '签名错误' });
    expect((await failureOf(new WeChatPayClient(config, { fetch: fail.fetchStub }).prepay(request))).reason).to.equal('COMMUNICATION');
    expect(fail.seen).to.have.length(1);
    const refused = answering(signedAnswer({ result_code: 'FAIL', err_code: 'NOAUTH', err_code_des: '商户无此接口权限' }));
    const error = await failureOf(new WeChatPayClient(config, { fetch: refused.fetchStub }).prepay(request));
    expect(error.reason).to.equal('REJECTED');
    expect(error.message).to.contain('NOAUTH');
  });
});
