import { expect } from 'chai';
import { type SignType, sign } from '../../src/adapters/wechat/sign.js';
import { buildXmlMessage, parseXmlMessage } from '../../src/adapters/wechat/xml.js';
import { createSandbox } from '../../sandbox/index.js';
import { NOW, type RunningSandbox, startSandbox } from '../support/wechat-sandbox.js';

describe('WeChat Pay sandbox wire protocol', () => {
  let running: RunningSandbox;
  beforeEach(async () => {
    running = await startSandbox();
  });
  afterEach(() => running.sandbox.close());

  function order(overrides: Record<string, string | undefined> = {}) {
    return {
      appid: running.config.appId,
      mch_id: running.config.mchId,
      nonce_str: 'abc',
      body: 'x',
      out_trade_no: 'T1',
      total_fee: '1',
      spbill_create_ip: '127.0.0.1',
      notify_url: 'http://127.0.0.1:3000/notify',
      trade_type: 'JSAPI',
      openid: 'o1',
      ...overrides,
    };
  }

  async function post(path: string, fields: Record<string, string | undefined>, signType: SignType = 'MD5', key = running.config.payKey) {
    const body = buildXmlMessage({ ...fields, sign: sign(fields, key, signType) });
    const response = await fetch(`${running.listening.url}${path}`, { method: 'POST', body });
    return { ...parseXmlMessage(await response.text()) };
  }

  it('answers FAIL 签名错误 for a wrong signature, unsigned', async () => {
    expect(await post('/pay/unifiedorder', order(), 'MD5', 'w'.repeat(32))).to.deep.equal({ return_code: 'FAIL', return_msg: '签名错误' });
    expect(await post('/pay/unifiedorder', order({ sign_type: 'HMAC-SHA256' }), 'MD5')).to.include({ return_msg: '签名错误' });
  });

  it('requires the fields WeChat requires', async () => {
    expect(await post('/pay/unifiedorder', order({ notify_url: undefined }))).to.deep.equal({ return_code: 'FAIL', return_msg: '缺少参数notify_url' });
    expect(await post('/pay/unifiedorder', order({ openid: undefined }))).to.include({ result_code: 'FAIL', err_code: 'PARAM_ERROR' });
  });

  it('accepts only an integer total_fee in fen', async () => {
    for (const fee of ['1.00', '0', '-5', '1e2']) {
      expect(await post('/pay/unifiedorder', order({ total_fee: fee })), fee).to.include({ result_code: 'FAIL', err_code: 'PARAM_ERROR' });
    }
  });

  it('signs its answers with the sign type of the request', async () => {
    const answer = await post('/pay/unifiedorder', order({ sign_type: 'HMAC-SHA256' }), 'HMAC-SHA256');
    expect(answer).to.include({ return_code: 'SUCCESS', result_code: 'SUCCESS', trade_type: 'JSAPI' });
    expect(answer.sign).to.equal(sign(answer, running.config.payKey, 'HMAC-SHA256'));
  });

  it('only ever notifies loopback addresses', async () => {
    const answer = await post('/pay/unifiedorder', order({ notify_url: 'https://example.com/notify' }));
    expect(answer).to.include({ result_code: 'FAIL', err_code: 'PARAM_ERROR' });
    expect(running.sandbox.orders()).to.have.length(0);
  });

  it('refuses the next calls to a path with a signed SYSTEMERROR on demand, without processing them', async () => {
    running.sandbox.fail('/pay/unifiedorder', { times: 2 });
    for (let i = 0; i < 2; i++) {
      const refused = await post('/pay/unifiedorder', order());
      expect(refused).to.include({ return_code: 'SUCCESS', result_code: 'FAIL', err_code: 'SYSTEMERROR', err_code_des: '系统超时' });
      expect(refused.sign).to.equal(sign(refused, running.config.payKey));
    }
    expect(running.sandbox.orders()).to.have.length(0);
    expect(await post('/pay/unifiedorder', order())).to.include({ result_code: 'SUCCESS' });
    expect(running.sandbox.calls()['/pay/unifiedorder']).to.equal(3);

    const control = await fetch(`${running.listening.url}/sandbox/faults/fail`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/pay/orderquery', err_code: 'BIZERR_NEED_RETRY' }),
    });
    expect(await control.json()).to.deep.equal({ path: '/pay/orderquery', times: 1, err_code: 'BIZERR_NEED_RETRY' });
    expect(await post('/pay/orderquery', { appid: running.config.appId, mch_id: running.config.mchId, nonce_str: 'n', out_trade_no: 'T1' })).to.include({ err_code: 'BIZERR_NEED_RETRY' });
    expect(() => running.sandbox.fail('/nowhere')).to.throw(/a fault goes on one of/);
  });

  it('refuses DOCTYPE payloads as bad XML', async () => {
    const response = await fetch(`${running.listening.url}/pay/orderquery`, {
      method: 'POST',
      body: '<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><appid>&x;</appid></xml>',
    });
    expect({ ...parseXmlMessage(await response.text()) }).to.deep.equal({ return_code: 'FAIL', return_msg: 'XML格式错误' });
  });

  it('is deterministic for a seed', async () => {
    const again = createSandbox({ seed: 'test', now: () => NOW });
    const listening = await again.listen();
    try {
      const first = await post('/pay/unifiedorder', order());
      running.listening = listening;
      const second = await post('/pay/unifiedorder', order());
      expect(second.prepay_id).to.equal(first.prepay_id);
      expect(second.nonce_str).to.equal(first.nonce_str);
    } finally {
      await again.close();
    }
  });

  it('answers jscode2session with a stable openid per code-<name> and errcodes for err-<n> and unknown codes', async () => {
    const login = async (code: string, secret = running.config.appSecret) => {
      const query = new URLSearchParams({ appid: running.config.appId, secret, js_code: code, grant_type: 'authorization_code' });
      return (await (await fetch(`${running.listening.url}/sns/jscode2session?${query}`)).json()) as Record<string, unknown>;
    };
    const alice = await login('code-alice');
    expect(alice.openid).to.match(/^o[A-Za-z0-9_-]{27}$/);
    expect(await login('code-alice')).to.deep.equal(alice);
    expect((await login('code-bob')).openid).not.to.equal(alice.openid);
    expect(await login('err-45011')).to.include({ errcode: 45011 });
    expect(await login('whatever')).to.include({ errcode: 40029 });
    expect(await login('code-alice', 'wrong')).to.include({ errcode: 40125 });
  });
});
