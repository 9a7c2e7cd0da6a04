import { expect } from 'chai';
import {
  PushMessageRejected,
  decryptPushMessage,
  encryptPushMessage,
  pushAesKey,
  pushSignature,
} from '../../../../src/adapters/wechat/message-push.js';
import { openPushMessage, tradeEventOf, verifyPushUrl } from '../../../../src/adapters/wechat/mini-program/message-push.codec.js';

const AES_KEY = pushAesKey('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG')!;
const CONFIG = { appId: 'wx_sandbox_app', token: 'pushtoken123', aesKey: AES_KEY };
/** A shop with no EncodingAESKey: it takes plain messages. */
const PLAIN = { ...CONFIG, aesKey: null };
const NOW = new Date('2026-11-24T04:00:00Z');
const TIMESTAMP = String(NOW.getTime() / 1000);
const settlement = JSON.stringify({
  ToUserName: 'gh_1',
  FromUserName: 'o-alice',
  CreateTime: Number(TIMESTAMP),
  MsgType: 'event',
  Event: 'trade_manage_order_settlement',
  transaction_id: '4200001',
  merchant_trade_no: 'A1',
  confirm_receive_method: 1,
  confirm_receive_time: Number(TIMESTAMP) - 60,
  settlement_time: Number(TIMESTAMP),
});

const plainQuery = (overrides: Record<string, string> = {}) => ({
  timestamp: TIMESTAMP,
  nonce: 'n0nce',
  signature: pushSignature(CONFIG.token, TIMESTAMP, 'n0nce'),
  ...overrides,
});

function safeRequest(message: string, appId = CONFIG.appId) {
  const encrypt = encryptPushMessage(AES_KEY, appId, message);
  const query = { ...plainQuery(), encrypt_type: 'aes', msg_signature: pushSignature(CONFIG.token, TIMESTAMP, 'n0nce', encrypt) };
  return { query, body: JSON.stringify({ ToUserName: 'gh_1', Encrypt: encrypt }) };
}

const rejection = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof PushMessageRejected ? error.reason : error;
  }
  return null;
};

describe('mini-program message push', () => {
  it('round-trips the safe mode\'s envelope and refuses another app\'s or another key\'s', () => {
    const sealed = encryptPushMessage(AES_KEY, 'wx-a', '{"a":"中文"}');
    expect(decryptPushMessage(AES_KEY, 'wx-a', sealed)).to.equal('{"a":"中文"}');
    expect(rejection(() => decryptPushMessage(AES_KEY, 'wx-b', sealed))).to.equal('APPID');
    const otherKey = pushAesKey('ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210abcdefg')!;
    expect(rejection(() => decryptPushMessage(otherKey, 'wx-a', sealed))).to.be.oneOf(['CIPHERTEXT', 'APPID']);
    expect(pushAesKey('short')).to.equal(null);
  });

  it('answers the URL check with echostr when it is signed with the token, and refuses it otherwise', () => {
    expect(verifyPushUrl(CONFIG, { ...plainQuery(), echostr: 'echo-1' }, NOW)).to.equal('echo-1');
    expect(rejection(() => verifyPushUrl(CONFIG, { ...plainQuery({ signature: 'f'.repeat(40) }), echostr: 'x' }, NOW))).to.equal('SIGNATURE');
  });

  it('opens signed plain and encrypted messages, JSON or XML, and reads the shipping-management events', () => {
    const plain = openPushMessage(PLAIN, { query: plainQuery(), body: settlement }, NOW);
    expect(tradeEventOf(plain, NOW)).to.deep.equal({
      kind: 'ORDER_SETTLEMENT',
      outTradeNo: 'A1',
      transactionId: '4200001',
      confirmedAt: new Date(NOW.getTime() - 60_000),
      confirmMethod: 1,
      settledAt: NOW,
    });
    const xml = `<xml><ToUserName><![CDATA[gh_1]]></ToUserName><CreateTime>${TIMESTAMP}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[trade_manage_remind_shipping]]></Event><transaction_id><![CDATA[4200002]]></transaction_id><merchant_trade_no><![CDATA[A2]]></merchant_trade_no></xml>`;
    const safe = safeRequest(xml);
    expect(tradeEventOf(openPushMessage(CONFIG, safe, NOW), NOW)).to.deep.equal({ kind: 'REMIND_SHIPPING', outTradeNo: 'A2', transactionId: '4200002', at: NOW });
    expect(tradeEventOf({ MsgType: 'event', Event: 'user_enter_tempsession' }, NOW)).to.equal(null);
  });

  it('refuses forged, stale, replayed-late and unopenable messages', () => {
    const request = { query: plainQuery(), body: settlement };
    expect(rejection(() => openPushMessage(PLAIN, { ...request, query: plainQuery({ signature: pushSignature('wrong', TIMESTAMP, 'n0nce') }) }, NOW))).to.equal('SIGNATURE');
    expect(rejection(() => openPushMessage(PLAIN, request, new Date(NOW.getTime() + 301_000)))).to.equal('STALE');
    expect(rejection(() => openPushMessage(PLAIN, { ...request, query: { signature: request.query.signature } }, NOW))).to.equal('MALFORMED');
    expect(rejection(() => openPushMessage(CONFIG, request, NOW)), 'a plain message to a shop with a key').to.equal('PLAIN_REFUSED');
    const safe = safeRequest(settlement);
    expect(rejection(() => openPushMessage(CONFIG, { ...safe, query: { ...safe.query, msg_signature: safe.query.signature } }, NOW))).to.equal('SIGNATURE');
    expect(rejection(() => openPushMessage(CONFIG, safeRequest(settlement, 'wx-other'), NOW))).to.equal('APPID');
    expect(rejection(() => openPushMessage({ ...CONFIG, aesKey: null }, safe, NOW))).to.equal('NOT_CONFIGURED');
    expect(rejection(() => openPushMessage(PLAIN, { query: plainQuery(), body: 'not json' }, NOW))).to.equal('MALFORMED');
  });
});
