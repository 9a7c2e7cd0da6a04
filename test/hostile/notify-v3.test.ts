import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { OrderStatus } from '../../src/domain/index.js';
import type { Answer } from '../support/http-client.js';
import type { PayWire } from '../support/shop.js';
import { type Backend, describeOnEveryBackend, hostileTable } from './support/backends.js';
import { API, type HostileShop, startHostileShop } from './support/hostile-shop.js';
import { type V3SignOptions, type WeChatV3Side, flipByte, v3Envelope, v3Headers, v3Transaction, wechatV3Side } from './support/notify-messages.js';
import { type Changes } from './support/snapshot.js';
import { type ExpectedChange, Tally, expectChanges } from './support/table.js';

interface Order {
  id: number;
  orderNo: string;
  totalFee: number;
}

interface World {
  shop: HostileShop;
  wechat: WeChatV3Side;
  /** Placed and prepared over v3 (its out_trade_no is its order_no), unpaid until the replay rows. */
  x: Order;
  y: Order;
  /** The body of the notification WeChat's sandbox wrote for paying X (never delivered by the sandbox itself). */
  genuineX: string;
}

interface Message {
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** The v3 twin of a row of NOTIFY (notify.test.ts): one message POSTed to pay/notify (`copies` at once). */
interface NotifyV3Case {
  name: string;
  message: (world: World) => Message;
  status: number;
  answer: 'SUCCESS' | 'FAIL';
  /** What a developer reads in the shop's log about this notification. */
  log: RegExp;
  copies?: number;
  /** Streamed in 1 KB chunks with no Content-Length, so only the running count can stop it. */
  chunked?: boolean;
  changes?: ExpectedChange[];
  then?: (answers: Answer[], world: World, changes: Changes) => unknown;
}

/** A message WeChat signed (or the options say who did) over `body`. */
const signed = (w: World, body: string, options: V3SignOptions = {}): Message => ({ body, headers: v3Headers(w.wechat, body, options) });
/** The decrypted transaction paying X, with overrides. */
const payX = (w: World, overrides: Record<string, unknown> = {}) => v3Transaction(w.wechat, { outTradeNo: w.x.orderNo, totalFee: w.x.totalFee }, overrides);
/** X's payment, encrypted and signed as WeChat would, with overrides of the plaintext. */
const forX = (w: World, overrides: Record<string, unknown> = {}, options: V3SignOptions = {}) => signed(w, v3Envelope(w.wechat, payX(w, overrides)), options);
const refused = (name: string, message: NotifyV3Case['message'], log: RegExp, status = 400): NotifyV3Case => ({ name, message, status, answer: 'FAIL', log });
/** A refusal before anything is parsed: the signature, its headers or its timestamp. */
const unsigned = (name: string, message: NotifyV3Case['message'], log: RegExp): NotifyV3Case => refused(name, message, log, 401);
const SOME_SIGNATURE = randomBytes(256).toString('base64');

export const NOTIFY_V3: NotifyV3Case[] = [
  unsigned('wrong signature', (w) => forX(w, {}, { signature: SOME_SIGNATURE }), /signature does not verify/),
  unsigned('no Wechatpay-* headers at all', (w) => ({ body: forX(w).body, headers: { 'content-type': 'application/json' } }), /Wechatpay-Signature is missing/),
  unsigned('an empty Wechatpay-Signature', (w) => forX(w, {}, { signature: '' }), /Wechatpay-Signature is missing/),
  unsigned('signature garbage that is not base64', (w) => forX(w, {}, { signature: '!!not base64!!' }), /signature does not verify/),
  unsigned("signed with the merchant's own key (apiclient_key.pem) under WeChat's serial", (w) => forX(w, {}, { key: w.wechat.merchant }), /signature does not verify/),
  {
    ...unsigned("signed with WeChat's other key under its own serial, 20 at once: a serial this merchant does not trust (at most one certificate download)", (w) => forX(w, {}, { key: w.wechat.foreign.privateKey, serial: w.wechat.foreign.serial }), /is not our public key|no trusted platform certificate has serial/),
    copies: 20,
  },
  unsigned("WeChat's other key under the trusted serial", (w) => forX(w, {}, { key: w.wechat.foreign.privateKey }), /signature does not verify/),
  unsigned('a WECHATPAY/SIGNTEST/ probe', (w) => forX(w, {}, { signature: `WECHATPAY/SIGNTEST/${SOME_SIGNATURE}` }), /SIGNTEST/),
  unsigned('validly signed 301 s ago: a captured notification replayed later', (w) => forX(w, {}, { skewSeconds: -301 }), /Wechatpay-Timestamp is 30\d s old/),
  unsigned('validly signed 301 s in the future', (w) => forX(w, {}, { skewSeconds: 301 }), /Wechatpay-Timestamp is 30\d s ahead/),
  unsigned('a timestamp that is not a number', (w) => forX(w, {}, { timestamp: '1e9' }), /is not a Unix time/),
  unsigned('a genuine notification for X with one byte of its ciphertext edited', (w) => {
    const genuine = JSON.parse(w.genuineX) as { resource: { ciphertext: string } };
    const body = w.genuineX.replace(genuine.resource.ciphertext, flipByte(genuine.resource.ciphertext, 3));
    return { body, headers: v3Headers(w.wechat, w.genuineX) };
  }, /signature does not verify/),
  unsigned("a genuine notification's headers on a payment of Y", (w) => ({ body: v3Envelope(w.wechat, v3Transaction(w.wechat, { outTradeNo: w.y.orderNo, totalFee: w.y.totalFee })), headers: v3Headers(w.wechat, w.genuineX) }), /signature does not verify/),
  unsigned('a genuine notification re-serialized (same JSON, other bytes)', (w) => ({ body: JSON.stringify(JSON.parse(w.genuineX), null, 1), headers: v3Headers(w.wechat, w.genuineX) }), /signature does not verify/),
  // Signed with WeChat's own key, so past the signature: what the resource holds is checked all the same.
  refused('validly signed, ciphertext tampered', (w) => signed(w, v3Envelope(w.wechat, payX(w), { tamper: (r) => ({ ...r, ciphertext: flipByte(r.ciphertext!, 0) }) })), /does not decrypt with the APIv3 key/),
  refused('validly signed, GCM tag tampered', (w) => signed(w, v3Envelope(w.wechat, payX(w), { tamper: (r) => ({ ...r, ciphertext: flipByte(r.ciphertext!, -1) }) })), /does not decrypt with the APIv3 key/),
  refused('validly signed, associated data tampered', (w) => signed(w, v3Envelope(w.wechat, payX(w), { tamper: (r) => ({ ...r, associated_data: 'refund' }) })), /does not decrypt with the APIv3 key/),
  refused('validly signed, nonce tampered', (w) => signed(w, v3Envelope(w.wechat, payX(w), { tamper: (r) => ({ ...r, nonce: `${r.nonce!.slice(1)}x` }) })), /does not decrypt with the APIv3 key/),
  refused('validly signed, encrypted with another APIv3 key', (w) => signed(w, v3Envelope(w.wechat, payX(w), { apiV3Key: 'another32characterapiv3keyforwx!' })), /does not decrypt with the APIv3 key/),
  refused('validly signed, ciphertext not base64', (w) => signed(w, v3Envelope(w.wechat, payX(w), { tamper: (r) => ({ ...r, ciphertext: '%%%' }) })), /not base64/),
  refused('validly signed, the resource not encrypted', (w) => signed(w, v3Envelope(w.wechat, payX(w), { resourceType: 'plain' })), /carries no encrypted resource/),
  refused('validly signed, a refund event sent to the payment URL', (w) => signed(w, v3Envelope(w.wechat, payX(w), { eventType: 'REFUND.SUCCESS' })), /is not a TRANSACTION\. event/),
  refused('validly signed, the resource decrypts to something that is not JSON', (w) => signed(w, v3Envelope(w.wechat, 'out_trade_no=1')), /decrypted resource is not a JSON object/),
  refused('validly signed, another mchid', (w) => forX(w, { mchid: '1900000999' }), /mchid "1900000999" is not ours/),
  refused('validly signed, another appid', (w) => forX(w, { appid: 'wx_someone_else' }), /appid "wx_someone_else" is not ours/),
  {
    name: 'validly signed, amount above the order total: FAIL, order stays UNPAID',
    message: (w) => forX(w, { amount: { total: w.x.totalFee + 100, currency: 'CNY' } }),
    status: 400,
    answer: 'FAIL',
    log: /AMOUNT_MISMATCH/,
    then: async (_answers, w) => expect(await w.shop.orderStatus(w.x.id)).to.equal(OrderStatus.UNPAID),
  },
  {
    name: 'validly signed, amount of 1 fen (below the order total)',
    message: (w) => forX(w, { amount: { total: 1, currency: 'CNY' } }),
    status: 400,
    answer: 'FAIL',
    log: /AMOUNT_MISMATCH/,
    then: async (_answers, w) => expect(await w.shop.orderStatus(w.x.id)).to.equal(OrderStatus.UNPAID),
  },
  ...[0, -1, 1.5, '100', null].map((total) =>
    refused(`validly signed, amount.total ${JSON.stringify(total)}`, (w) => forX(w, { amount: { total, currency: 'CNY' } }), /is not a positive integer of fen/),
  ),
  refused('validly signed, amount in USD', (w) => forX(w, { amount: { total: w.x.totalFee, currency: 'USD' } }), /amount\.currency "USD" is not CNY/),
  refused('validly signed, no out_trade_no', (w) => forX(w, { out_trade_no: undefined }), /no valid out_trade_no/),
  refused('validly signed, SUCCESS without a transaction_id', (w) => forX(w, { transaction_id: undefined }), /no valid transaction_id/),
  refused('validly signed, not JSON', (w) => signed(w, 'return_code=SUCCESS&result_code=SUCCESS'), /body is not a JSON object/),
  refused('validly signed, a JSON array', (w) => signed(w, '[1,2,3]'), /body is not a JSON object/),
  refused('validly signed XML: the headers say v3, and v3 is JSON', (w) => signed(w, `<xml><out_trade_no>${w.x.orderNo}</out_trade_no></xml>`), /body is not a JSON object/),
  refused('validly signed, an empty body', (w) => signed(w, ''), /body is not a JSON object/),
  refused('70 KB of JSON', (w) => forX(w, { attach: 'x'.repeat(70 * 1024) }), /exceeds 65536 bytes/, 413),
  // Past the limit the shop stops reading and drops the connection: no answer, which WeChat treats as FAIL.
  { ...refused('70 KB of JSON streamed without a Content-Length: the connection is dropped', (w) => forX(w, { attach: 'x'.repeat(70 * 1024) }), /exceeds 65536 bytes/, 0), chunked: true },
  {
    name: 'validly signed for an order that does not exist: acknowledged, only logged',
    message: (w) => signed(w, v3Envelope(w.wechat, v3Transaction(w.wechat, { outTradeNo: 'NOSUCHORDERV3000000000000001', totalFee: 1, transactionId: '4200000000NOSUCHORDERV3' }))),
    status: 204,
    answer: 'SUCCESS',
    log: /UNKNOWN_ORDER/,
    changes: ['payment_notification +1'],
    then(_answers, _w, changes) {
      expect(changes.added.payment_notification![0]).to.include({ out_trade_no: 'NOSUCHORDERV3000000000000001', order_id: null, outcome: 'UNKNOWN_ORDER' });
    },
  },
  {
    name: 'validly signed payment failure (trade_state PAYERROR) for Y: acknowledged, Y stays UNPAID',
    message: (w) => signed(w, v3Envelope(w.wechat, v3Transaction(w.wechat, { outTradeNo: w.y.orderNo, totalFee: w.y.totalFee }, { trade_state: 'PAYERROR', transaction_id: undefined, success_time: undefined }))),
    status: 204,
    answer: 'SUCCESS',
    log: /PAYMENT_FAILED/,
    changes: ['payment_notification +1'],
    async then(_answers, w, changes) {
      expect(changes.added.payment_notification![0]).to.include({ outcome: 'PAYMENT_FAILED' });
      expect(await w.shop.orderStatus(w.y.id)).to.equal(OrderStatus.UNPAID);
    },
  },
  {
    name: "WeChat's own notification for X replayed 50 times at once: paid once, stock deducted once",
    message: (w) => signed(w, w.genuineX),
    copies: 50,
    status: 204,
    answer: 'SUCCESS',
    log: /handled: PAID$/m,
    changes: [/^order ~1 \(paid_at, status, transaction_id, update_time\)$/, 'payment_notification +1', /^stock 5: \d+→\d+$/],
    async then(answers, w, changes) {
      const outcomes = w.shop.logs
        .map((line) => JSON.parse(line) as { msg?: string; outcome?: string })
        .filter((entry) => /notification handled/.test(entry.msg ?? ''))
        .map((entry) => entry.outcome);
      expect(outcomes.filter((outcome) => outcome === 'PAID')).to.have.length(1);
      expect(outcomes.filter((outcome) => outcome === 'DUPLICATE').length).to.be.at.least(answers.length - 1);
      const { after } = changes.changed.order![0]!;
      expect(Number(after.status)).to.equal(OrderStatus.PAID);
      const stock = changes.summary.find((line) => line.startsWith('stock 5'))!.match(/(\d+)→(\d+)/)!;
      expect(Number(stock[1]) - Number(stock[2]), 'deducted once').to.equal(2);
    },
  },
  {
    name: 'the same notification once more, after it was applied: acknowledged as a duplicate, nothing changes',
    message: (w) => signed(w, w.genuineX),
    status: 204,
    answer: 'SUCCESS',
    log: /DUPLICATE/,
  },
  unsigned('the paid order X, a forged second payment for it', (w) => forX(w, { transaction_id: '4200000000SECONDPAYMENTV3' }, { signature: SOME_SIGNATURE }), /signature does not verify/),
];

async function postChunked(url: string, message: Message): Promise<Answer> {
  const bytes = Buffer.from(message.body, 'utf8');
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, (offset += 1024)));
    },
  });
  try {
    const response = await fetch(url, { method: 'POST', body: stream, headers: message.headers, duplex: 'half' } as RequestInit);
    const text = await response.text();
    return { status: response.status, body: text, text, headers: response.headers };
  } catch {
    // Status 0: the server closed the connection without an answer.
    return { status: 0, body: '', text: '', headers: new Headers() };
  }
}

/** A log line as a developer reads it: message, reason, outcome. */
function readable(line: string): string {
  const entry = JSON.parse(line) as { msg?: string; reason?: string; outcome?: string };
  return [entry.msg, entry.reason, entry.outcome].filter(Boolean).join(': ');
}

function notifyV3Suite(backend: Backend, label: string, wire: Extract<PayWire, 'v3-public-key' | 'v3-certificate'>): void {
  const tally = new Tally(`forged and replayed v3 notifications (${wire})`, label);
  const world = hostileTable<World>(backend, tally, async (database) => {
    const shop = await startHostileShop(database.url, backend.redisUrl, { wire });
    const alice = await shop.shopper.buyer('notify-v3-alice');
    const prepared = async (productId: number, count: number): Promise<Order> => {
      const order = await shop.shopper.placeOrder(alice, [{ product_id: productId, count }]);
      const pay = await shop.shopper.prepay(alice, order.id);
      if (pay.status !== 200 || pay.body.signType !== 'RSA') throw new Error(`pre_order: ${pay.text}`);
      const row = await shop.resources.database.db.selectFrom('order').select('total_price').where('id', '=', order.id).executeTakeFirstOrThrow();
      return { ...order, totalFee: Number(row.total_price) };
    };
    const x = await prepared(5, 2);
    const y = await prepared(6, 1);
    // WeChat pays X; its notification is lost on the way, so the rows below hold its exact body.
    const paid = shop.sandbox.pay(x.orderNo, 'SUCCESS', { notify: false });
    const genuine = shop.sandbox.notifications().find((delivery) => delivery.id === paid.notificationId)!;
    if (genuine.protocol !== 'v3') throw new Error('X was not paid over v3');
    const wechat = wechatV3Side(shop.wechat, shop.sandbox.merchantV3, wire === 'v3-public-key' ? 'public_key' : 'certificate');
    return { shop, wechat, x, y, genuineX: genuine.body };
  });

  for (const row of NOTIFY_V3) {
    it(row.name, async () => {
      const { shop } = world;
      const message = row.message(world);
      const before = await shop.snapshot();
      const logsBefore = shop.logs.length;
      const downloadsBefore = shop.sandbox.calls()['/v3/certificates'] ?? 0;
      const send = () => (row.chunked ? postChunked(`${shop.url}${API}/pay/notify`, message) : shop.http.raw('POST', `${API}/pay/notify`, message.body, message.headers));
      const answers = await Promise.all(Array.from({ length: row.copies ?? 1 }, send));
      for (const answer of answers) {
        expect(answer.status, `${row.name}: ${answer.text}`).to.equal(row.status);
        if (answer.status === 0) continue;
        if (row.answer === 'SUCCESS') {
          expect(answer.text, 'success is a bare 204').to.equal('');
          continue;
        }
        expect(answer.headers.get('content-type')).to.match(/^application\/json/);
        const { code, message: text, ...rest } = JSON.parse(answer.text) as Record<string, unknown>;
        expect({ code, text: typeof text, rest }, answer.text).to.deep.equal({ code: 'FAIL', text: 'string', rest: {} });
      }
      const logged = () => shop.logs.slice(logsBefore).map(readable).join('\n');
      // A dropped connection is seen by the client a moment before the shop logs why.
      for (let waited = 0; !row.log.test(logged()) && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(logged(), `${row.name}: the log says why`).to.match(row.log);
      const after = await shop.snapshot();
      const changes = expectChanges(before, after, row.changes ?? [], row.name);
      await row.then?.(answers, world, changes);
      // A forged serial may make a certificate-mode shop look for a new certificate, at most once a minute.
      expect((shop.sandbox.calls()['/v3/certificates'] ?? 0) - downloadsBefore).to.be.at.most(1);
      tally.record(row.answer === 'FAIL', changes);
    });
  }

  it('never writes the APIv3 key, a key or a signature into the log', () => {
    const { shop, genuineX } = world;
    const everything = shop.logs.join('\n');
    expect(everything).to.not.include(shop.sandbox.merchantV3.apiV3Key);
    expect(everything).to.not.include(SOME_SIGNATURE.slice(0, 40));
    expect(everything).to.not.include('PRIVATE KEY');
    expect(everything).to.not.include((JSON.parse(genuineX) as { resource: { ciphertext: string } }).resource.ciphertext.slice(0, 40));
  });
}

describeOnEveryBackend('hostile table 3 (v3): forged and replayed WeChat Pay v3 notifications', (backend, label) => {
  for (const wire of ['v3-public-key', 'v3-certificate'] as const) describe(wire, () => notifyV3Suite(backend, label, wire));
});
