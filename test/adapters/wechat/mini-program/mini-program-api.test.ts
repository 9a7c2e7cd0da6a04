import { expect } from 'chai';
import { WeChatApiError } from '../../../../src/application/index.js';
import { MemoryAccessTokenStore } from '../../../../src/adapters/in-process/memory-access-token.store.js';
import { MiniProgramApi } from '../../../../src/adapters/wechat/mini-program/mini-program-api.js';

/** A scripted WeChat: each path answers from its queue (the last answer repeats); every request is kept. */
function scriptedWeChat(answers: Record<string, unknown[]>) {
  const requests: { path: string; token: string | null; body: unknown }[] = [];
  const fetch = (async (input: string | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const body: unknown = JSON.parse(String(init?.body ?? '{}'));
    requests.push({ path: url.pathname, token: url.searchParams.get('access_token'), body });
    const queue = answers[url.pathname] ?? [{ errcode: 404, errmsg: 'no such api' }];
    const answer = queue.length > 1 ? queue.shift() : queue[0];
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { requests, fetch };
}

const CONFIG = { appId: 'wx-app', appSecret: 'secret', apiBase: 'http://wechat.test' };

describe('MiniProgramApi', () => {
  it('calls with the stable token, and on 42001 replaces it once and calls once more', async () => {
    const wechat = scriptedWeChat({
      '/cgi-bin/stable_token': [{ access_token: 'old', expires_in: 7200 }, { access_token: 'new', expires_in: 7200 }],
      '/wxa/sec/order/is_trade_managed': [{ errcode: 42001, errmsg: 'access_token expired' }, { errcode: 0, is_trade_managed: true }],
    });
    const api = new MiniProgramApi(CONFIG, new MemoryAccessTokenStore(), { fetch: wechat.fetch });
    expect(await api.post('/wxa/sec/order/is_trade_managed', { appid: 'wx-app' })).to.deep.include({ is_trade_managed: true });
    expect(wechat.requests.map((request) => [request.path, request.token])).to.deep.equal([
      ['/cgi-bin/stable_token', null],
      ['/wxa/sec/order/is_trade_managed', 'old'],
      ['/cgi-bin/stable_token', null],
      ['/wxa/sec/order/is_trade_managed', 'new'],
    ]);
    expect(wechat.requests[0]!.body).to.deep.equal({ grant_type: 'client_credential', appid: 'wx-app', secret: 'secret', force_refresh: false });
  });

  it('gives up after one replacement: a token refused twice is an error, not a storm', async () => {
    const wechat = scriptedWeChat({
      '/cgi-bin/stable_token': [{ access_token: 'a', expires_in: 7200 }, { access_token: 'b', expires_in: 7200 }],
      '/cgi-bin/message/subscribe/send': [{ errcode: 40001, errmsg: 'invalid credential' }],
    });
    const api = new MiniProgramApi(CONFIG, new MemoryAccessTokenStore(), { fetch: wechat.fetch });
    const error = await api.post('/cgi-bin/message/subscribe/send', {}).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(WeChatApiError).with.property('errcode', 40001);
    expect(wechat.requests.filter((request) => request.path === '/cgi-bin/message/subscribe/send')).to.have.length(2);
    expect(wechat.requests.filter((request) => request.path === '/cgi-bin/stable_token')).to.have.length(2);
  });

  it('reports WeChat\'s errcode and message, and an unreachable WeChat as -1 without its URL', async () => {
    const wechat = scriptedWeChat({
      '/cgi-bin/stable_token': [{ access_token: 'a', expires_in: 7200 }],
      '/wxa/sec/order/upload_shipping_info': [{ errcode: 10060001, errmsg: '支付单不存在' }],
    });
    const api = new MiniProgramApi(CONFIG, new MemoryAccessTokenStore(), { fetch: wechat.fetch });
    expect(await api.post('/wxa/sec/order/upload_shipping_info', {}).catch((e: unknown) => e)).to.deep.include({ errcode: 10060001, errmsg: '支付单不存在' });
    const down = new MiniProgramApi(CONFIG, new MemoryAccessTokenStore(), { fetch: (async () => Promise.reject(new TypeError('fetch failed'))) as typeof fetch });
    const error = (await down.post('/x', {}).catch((e: unknown) => e)) as WeChatApiError;
    expect(error.errcode).to.equal(-1);
    expect(error.message).to.not.include('secret');
  });
});
