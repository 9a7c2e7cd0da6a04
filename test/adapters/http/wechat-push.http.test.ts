import { expect } from 'chai';
import { HandleTradeEvent } from '../../../src/application/index.js';
import { SeenSignatures } from '../../../src/adapters/http/routes/wechat-push.js';
import { encryptPushMessage, pushAesKey, pushSignature } from '../../../src/adapters/wechat/message-push.js';
import { SANDBOX_PUSH } from '../../../sandbox/index.js';
import { composeShop, serveHttp } from '../../support/shop.js';

const APP_ID = 'wx-push-test';
const KEY = pushAesKey(SANDBOX_PUSH.encodingAesKey)!;

/** A safe-mode reminder as WeChat signs and seals it; a retry of it is the very same request. */
function reminder(): { path: string; body: string } {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = `retry-${process.pid}`;
  const message = { MsgType: 'event', CreateTime: Number(timestamp), Event: 'trade_manage_remind_shipping', transaction_id: '4200000000PUSH', merchant_trade_no: 'NOSUCHORDER' };
  const cipher = encryptPushMessage(KEY, APP_ID, JSON.stringify(message));
  const query = { timestamp, nonce, encrypt_type: 'aes', signature: pushSignature(SANDBOX_PUSH.token, timestamp, nonce), msg_signature: pushSignature(SANDBOX_PUSH.token, timestamp, nonce, cipher) };
  return { path: `/api/v1/wechat/push?${new URLSearchParams(query).toString()}`, body: JSON.stringify({ ToUserName: 'gh_test', Encrypt: cipher }) };
}

describe('the message push over HTTP', () => {
  it('a push whose handling failed is taken again when WeChat retries it; a push handled is a replay', async () => {
    let failures = 1;
    const shop = composeShop(undefined, {
      override: (container) => {
        const real = container.get<HandleTradeEvent>(HandleTradeEvent);
        container.rebind(HandleTradeEvent).toConstantValue({
          execute: (event: Parameters<HandleTradeEvent['execute']>[0]) => (failures-- > 0 ? Promise.reject(new Error('database away')) : real.execute(event)),
        } as HandleTradeEvent);
      },
    });
    const push = { config: { appId: APP_ID, token: SANDBOX_PUSH.token, aesKey: KEY }, now: () => new Date(), seen: new SeenSignatures() };
    const served = await serveHttp(shop, { push });
    try {
      const { path, body } = reminder();
      const send = () => served.http.raw('POST', path, body, { 'content-type': 'application/json' });
      expect((await send()).status, 'the handling failed').to.equal(500);
      const retried = await send();
      expect([retried.status, retried.text]).to.deep.equal([200, 'success']);
      const replayed = await send();
      expect(replayed.status).to.equal(401);
      expect(replayed.text).to.match(/REPLAYED/);
    } finally {
      await served.close();
    }
  });
});
