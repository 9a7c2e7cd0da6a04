import { expect } from 'chai';
import { encryptPushMessage, pushAesKey, pushSignature } from '../../src/adapters/wechat/message-push.js';
import { SANDBOX_PUSH } from '../../sandbox/index.js';
import type { Answer } from '../support/http-client.js';
import { type Backend, describeOnEveryBackend, hostileTable } from './support/backends.js';
import { API, type HostileShop, startHostileShop } from './support/hostile-shop.js';
import { type ExpectedChange, Tally, expectChanges, expectError } from './support/table.js';

interface World {
  shop: HostileShop;
  /** A paid order whose payment the pushes name. */
  x: { id: number; orderNo: string; transactionId: string };
  appId: string;
}

/** A push as WeChat would sign it, or forge it: the query and the body. */
interface Push {
  readonly query: Record<string, string>;
  readonly body: string;
}

const KEY = pushAesKey(SANDBOX_PUSH.encodingAesKey)!;
const OTHER_KEY = pushAesKey('ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210abcdefg')!;
let nonces = 0;

/** A safe-mode push of `message`, signed and sealed as WeChat does unless `forge` says otherwise. */
function sealed(w: World, message: Record<string, unknown>, forge: { token?: string; key?: Buffer; appId?: string; age?: number; edit?: (cipher: string) => string } = {}): Push {
  const timestamp = String(Math.floor(Date.now() / 1000) - (forge.age ?? 0));
  const nonce = `n${process.pid}x${++nonces}`;
  const cipher = encryptPushMessage(forge.key ?? KEY, forge.appId ?? w.appId, JSON.stringify({ MsgType: 'event', CreateTime: Number(timestamp), ...message }));
  const token = forge.token ?? SANDBOX_PUSH.token;
  const query = { timestamp, nonce, encrypt_type: 'aes', signature: pushSignature(token, timestamp, nonce), msg_signature: pushSignature(token, timestamp, nonce, cipher) };
  return { query, body: JSON.stringify({ ToUserName: 'gh_sandbox', Encrypt: forge.edit ? forge.edit(cipher) : cipher }) };
}

const remindX = (w: World) => ({ Event: 'trade_manage_remind_shipping', transaction_id: w.x.transactionId, merchant_trade_no: w.x.orderNo });
const settleX = (w: World) => ({ ...remindX(w), Event: 'trade_manage_order_settlement', confirm_receive_method: 1, confirm_receive_time: 1767225600, settlement_time: 1767225660 });

interface PushCase {
  name: string;
  push: (w: World) => Push;
  /** Sent once, accepted, before the snapshot: the row's request is its replay. */
  twice?: boolean;
  status: number;
  reason?: RegExp;
  changes?: ExpectedChange[];
}

const refused = (name: string, push: PushCase['push'], reason: RegExp): PushCase => ({ name, push, status: 401, reason });
const without = (push: Push, name: string): Push => ({ ...push, query: Object.fromEntries(Object.entries(push.query).filter(([key]) => key !== name)) });

export const PUSH: PushCase[] = [
  refused('signed with another token', (w) => sealed(w, remindX(w), { token: 'someoneelse' }), /SIGNATURE/),
  refused('no msg_signature', (w) => without(sealed(w, remindX(w)), 'msg_signature'), /SIGNATURE/),
  refused('the plain signature only, as if plain mode', (w) => without(sealed(w, remindX(w)), 'encrypt_type'), /PLAIN_REFUSED/),
  refused('a plain message with a genuine plain signature: its body is not covered', (w) => ({ ...without(sealed(w, remindX(w)), 'encrypt_type'), body: JSON.stringify({ MsgType: 'event', ...remindX(w) }) }), /PLAIN_REFUSED/),
  refused('the ciphertext edited after signing', (w) => sealed(w, remindX(w), { edit: (cipher) => `${cipher.slice(0, 20)}${cipher[20] === 'A' ? 'B' : 'A'}${cipher.slice(21)}` }), /SIGNATURE/),
  refused('sealed with another EncodingAESKey, signed right', (w) => sealed(w, remindX(w), { key: OTHER_KEY }), /CIPHERTEXT|APPID/),
  refused('sealed for another app', (w) => sealed(w, remindX(w), { appId: 'wx_someone_else' }), /APPID/),
  refused('ten minutes old', (w) => sealed(w, remindX(w), { age: 600 }), /STALE/),
  refused('no nonce', (w) => without(sealed(w, remindX(w)), 'nonce'), /MALFORMED/),
  refused('a body that is not JSON', (w) => ({ ...sealed(w, remindX(w)), body: '<xml><Encrypt>' }), /MALFORMED|SIGNATURE/),
  { name: '70 KB', push: (w) => ({ ...sealed(w, remindX(w)), body: 'x'.repeat(70 * 1024) }), status: 413 },
  {
    name: 'a genuine reminder for an order the shop never had: acknowledged, nothing recorded',
    push: (w) => sealed(w, { ...remindX(w), transaction_id: '4200000000NOSUCH', merchant_trade_no: 'NOSUCHORDER' }),
    status: 200,
  },
  { name: 'a genuine reminder for X: flagged on the order', push: (w) => sealed(w, remindX(w)), status: 200, changes: ['order_trade +1'] },
  { ...refused('a genuine reminder taken, then the same signed push replayed', (w) => sealed(w, remindX(w)), /REPLAYED/), twice: true },
  { name: 'a genuine settlement for X: confirmation and settlement recorded', push: (w) => sealed(w, settleX(w)), status: 200, changes: ['order_trade ~1 (confirm_method, confirmed_at, settled_at)'] },
];

function pushSuite(backend: Backend, label: string): void {
  const tally = new Tally('forged and replayed message pushes', label);
  const world = hostileTable<World>(backend, tally, async () => {
    const shop = await startHostileShop((await backend.database()).url, backend.redisUrl);
    const buyer = await shop.shopper.buyer('push-buyer');
    const order = await shop.shopper.placeAndPrepay(buyer, [{ product_id: 5, count: 1 }]);
    await shop.shopper.pay(order.orderNo);
    const transactionId = shop.sandbox!.orders().find((each) => each.outTradeNo === order.orderNo)!.transactionId!;
    return { shop, x: { ...order, transactionId }, appId: shop.wechat.appId };
  });
  const send = (push: Push): Promise<Answer> =>
    world.shop.http.raw('POST', `${API}/wechat/push?${new URLSearchParams(push.query).toString()}`, push.body, { 'content-type': 'application/json' });

  for (const row of PUSH) {
    it(row.name, async () => {
      const push = row.push(world);
      if (row.twice) expect((await send(push)).text).to.equal('success');
      const before = await world.shop.snapshot();
      const answer = await send(push);
      if (row.status === 200) expect([answer.status, answer.text]).to.deep.equal([200, 'success']);
      else expectError(answer, row.status, row.status === 401 ? 10009 : 10000, row.reason, row.name);
      const changes = expectChanges(before, await world.shop.snapshot(), row.changes ?? [], row.name);
      tally.record(row.status !== 200, changes);
    });
  }

  it('answers the console\'s URL check only when it is signed with the token', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const check = (token: string) =>
      world.shop.http.get(`${API}/wechat/push?${new URLSearchParams({ timestamp, nonce: 'check', echostr: 'echo-9', signature: pushSignature(token, timestamp, 'check') }).toString()}`);
    expect((await check(SANDBOX_PUSH.token)).text).to.equal('echo-9');
    expect((await check('someoneelse')).status).to.equal(401);
  });
}

describeOnEveryBackend('hostile table 5: forged and replayed message pushes', pushSuite);
