import { expect } from 'chai';
import { WeChatLoginError } from '../../../src/application/index.js';
import { WeChatLoginClient } from '../../../src/adapters/wechat/wechat-login.client.js';
import { rejectionOf } from '../../support/rejection.js';
import { type RunningSandbox, startSandbox } from '../../support/wechat-sandbox.js';

const loginError = (promise: Promise<unknown>) => rejectionOf(promise, WeChatLoginError);

describe('WeChatLoginClient (jscode2session) against the sandbox', () => {
  let running: RunningSandbox;
  beforeEach(async () => {
    running = await startSandbox();
  });
  afterEach(() => running.sandbox.close());

  it('trades a code for openid and session_key; the same user gets the same openid', async () => {
    const client = new WeChatLoginClient(running.config);
    const session = await client.codeToSession('code-alice');
    expect(session.openid).to.match(/^o.{27}$/);
    expect(Buffer.from(session.sessionKey, 'base64')).to.have.length(16);
    expect(session).not.to.have.property('unionid');
    expect((await client.codeToSession('code-alice')).openid).to.equal(session.openid);
  });

  it('turns errcodes into clear WeChatLoginErrors', async () => {
    const client = new WeChatLoginClient(running.config);
    const invalid = await loginError(client.codeToSession('nonsense'));
    expect(invalid.errcode).to.equal(40029);
    expect(invalid.message).to.contain('invalid');
    expect((await loginError(client.codeToSession('err-40163'))).message).to.contain('already been used');
    expect((await loginError(client.codeToSession('err-45011'))).message).to.contain('too many');
    expect((await loginError(client.codeToSession('err--1'))).errcode).to.equal(-1);
    const wrongSecret = new WeChatLoginClient({ ...running.config, appSecret: 'nope' });
    expect((await loginError(wrongSecret.codeToSession('code-alice'))).errcode).to.equal(40125);
  });

  it('reports an unreachable WeChat without leaking the secret', async () => {
    const client = new WeChatLoginClient({ ...running.config, apiBase: 'http://127.0.0.1:9' }, { timeoutMs: 500 });
    const error = await loginError(client.codeToSession('code-alice'));
    expect(error.errcode).to.equal(-1);
    expect(error.message).not.to.contain(running.config.appSecret);
  });

  it('passes a unionid through when WeChat sends one', async () => {
    const fetchStub = (async () => new Response('{"openid":"o1","session_key":"k","unionid":"u1"}')) as unknown as typeof fetch;
    const client = new WeChatLoginClient(running.config, { fetch: fetchStub });
    expect(await client.codeToSession('x')).to.deep.equal({ openid: 'o1', sessionKey: 'k', unionid: 'u1' });
  });
});
