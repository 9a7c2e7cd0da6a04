import { expect } from 'chai';
import { parseXmlMessage, sign } from '../../src/adapters/wechat/index.js';
import { OrderStatus } from '../../src/domain/index.js';
import type { Answer } from '../support/http-client.js';
import { type Backend, describeOnEveryBackend, hostileTable } from './support/backends.js';
import { API, type HostileShop, startHostileShop } from './support/hostile-shop.js';
import { type Merchant, paymentFields, signedXml, unsignedXml } from './support/notify-messages.js';
import { type Changes } from './support/snapshot.js';
import { type ExpectedChange, Tally, expectChanges } from './support/table.js';

interface Order {
  id: number;
  orderNo: string;
  totalFee: number;
}

interface World {
  shop: HostileShop;
  merchant: Merchant;
  /** Placed and prepared (its out_trade_no is its order_no), unpaid until the replay rows. */
  x: Order;
  y: Order;
  /** The notification WeChat's sandbox signed for paying X (never delivered by the sandbox itself). */
  genuineX: string;
}

/** One notification POSTed to pay/notify (`copies` at once) and what it must answer and change. */
interface NotifyCase {
  name: string;
  body: (world: World) => string;
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

const forX = (w: World, overrides: Record<string, string | undefined> = {}) =>
  paymentFields(w.merchant, { outTradeNo: w.x.orderNo, totalFee: w.x.totalFee }, overrides);
const refused = (name: string, body: NotifyCase['body'], log: RegExp, status = 400): NotifyCase => ({ name, body, status, answer: 'FAIL', log });
const XXE = (inner: string) =>
  `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml>${inner.replace(/^<xml>|<\/xml>$/g, '')}<attach>&xxe;</attach></xml>`;
const BOMB =
  '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
  '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">' +
  '<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><xml><return_code>&lol9;</return_code></xml>';
const SOME_SIGN = '0123456789ABCDEF0123456789ABCDEF';

export const NOTIFY: NotifyCase[] = [
  refused('wrong signature', (w) => unsignedXml(forX(w), SOME_SIGN), /MD5 signature does not verify/),
  refused('no signature', (w) => unsignedXml(forX(w)), /carries no sign/),
  refused('an empty sign element', (w) => unsignedXml(forX(w)).replace('</xml>', '<sign></sign></xml>'), /carries no sign/),
  refused('HMAC-SHA256 signature on a message that claims MD5', (w) => signedXml(w.merchant, forX(w), { signWith: 'HMAC-SHA256', declare: 'MD5' }), /MD5 signature does not verify/),
  refused('HMAC-SHA256 signature with no sign_type (read as MD5)', (w) => signedXml(w.merchant, forX(w), { signWith: 'HMAC-SHA256', declare: null }), /MD5 signature does not verify/),
  refused('MD5 signature on a message that claims HMAC-SHA256', (w) => signedXml(w.merchant, forX(w), { signWith: 'MD5', declare: 'HMAC-SHA256' }), /HMAC-SHA256 signature does not verify/),
  refused('an unknown sign_type', (w) => signedXml(w.merchant, forX(w), { declare: 'SHA1' }), /unknown sign_type "SHA1"/),
  refused('signed with another merchant key', (w) => signedXml(w.merchant, forX(w), { key: 'another32characterkeyforwechatpa' }), /signature does not verify/),
  refused('valid signature, another appid', (w) => signedXml(w.merchant, forX(w, { appid: 'wx_someone_else' })), /appid "wx_someone_else" is not ours/),
  refused('valid signature, another mch_id', (w) => signedXml(w.merchant, forX(w, { mch_id: '1900000999' })), /mch_id "1900000999" is not ours/),
  {
    name: 'valid signature, total_fee above the order total: FAIL, order stays UNPAID',
    body: (w) => signedXml(w.merchant, forX(w, { total_fee: String(w.x.totalFee + 100), cash_fee: String(w.x.totalFee + 100) })),
    status: 400,
    answer: 'FAIL',
    log: /AMOUNT_MISMATCH/,
    then: async (_answers, w) => expect(await w.shop.orderStatus(w.x.id)).to.equal(OrderStatus.UNPAID),
  },
  {
    name: 'valid signature, total_fee of 1 fen (below the order total)',
    body: (w) => signedXml(w.merchant, forX(w, { total_fee: '1', cash_fee: '1' })),
    status: 400,
    answer: 'FAIL',
    log: /AMOUNT_MISMATCH/,
    then: async (_answers, w) => expect(await w.shop.orderStatus(w.x.id)).to.equal(OrderStatus.UNPAID),
  },
  ...['1.00', '01', '-1', '1e3', '0', ''].map((fee) =>
    refused(`valid signature, total_fee "${fee}"`, (w) => signedXml(w.merchant, forX(w, { total_fee: fee })), fee === '' ? /total_fee "" is not a positive integer/ : /is not a positive integer of fen/),
  ),
  refused('return_code FAIL, result_code SUCCESS, no signature (the SDK bypass)', (w) => unsignedXml(forX(w, { return_code: 'FAIL', return_msg: 'x' })), /carries no sign/),
  refused('return_code FAIL, result_code SUCCESS, a bogus signature', (w) => unsignedXml(forX(w, { return_code: 'FAIL' }), SOME_SIGN), /signature does not verify/),
  refused('return_code FAIL with a valid signature: not a payment', (w) => signedXml(w.merchant, forX(w, { return_code: 'FAIL', return_msg: '签名失败' })), /return_code FAIL/),
  refused('result_code missing, validly signed', (w) => signedXml(w.merchant, forX(w, { result_code: undefined })), /no valid result_code/),
  refused('transaction_id missing on a SUCCESS, validly signed', (w) => signedXml(w.merchant, forX(w, { transaction_id: undefined })), /no valid transaction_id/),
  refused('DOCTYPE with an external entity (XXE) around a validly signed message', (w) => XXE(signedXml(w.merchant, forX(w))), /DOCTYPE and ENTITY declarations are refused/),
  refused('DOCTYPE with a SYSTEM id and no entity', (w) => `<!DOCTYPE xml SYSTEM "http://127.0.0.1:1/evil.dtd">${signedXml(w.merchant, forX(w))}`, /DOCTYPE/),
  refused('an entity-expansion bomb', () => BOMB, /DOCTYPE and ENTITY declarations are refused/),
  refused('a genuine notification for X edited to name Y', (w) => w.genuineX.replace(w.x.orderNo, w.y.orderNo), /signature does not verify/),
  refused('a genuine notification for X with its amount edited', (w) => w.genuineX.replace(`<total_fee>${w.x.totalFee}</total_fee>`, '<total_fee>1</total_fee>').replace(`<total_fee><![CDATA[${w.x.totalFee}]]></total_fee>`, '<total_fee><![CDATA[1]]></total_fee>'), /signature does not verify/),
  refused('a field twice (the second out_trade_no naming Y)', (w) => signedXml(w.merchant, forX(w)).replace('</xml>', `<out_trade_no>${w.y.orderNo}</out_trade_no></xml>`), /appears more than once/),
  refused('a nested element', (w) => signedXml(w.merchant, forX(w)).replace('</xml>', '<attach><a>1</a></attach></xml>'), /is not a plain text field/),
  refused('another root element', (w) => signedXml(w.merchant, forX(w)).replace(/^<xml>/, '<root>').replace(/<\/xml>$/, '</root>'), /root element must be <xml>/),
  refused('JSON instead of XML', (w) => JSON.stringify(forX(w)), /not XML/),
  refused('plain text', () => 'return_code=SUCCESS&result_code=SUCCESS', /not XML|root element/),
  refused('an empty body', () => '', /empty body/),
  refused('a body of spaces', () => '   \n ', /empty body/),
  refused('70 KB of XML', (w) => signedXml(w.merchant, forX(w, { attach: 'x'.repeat(70 * 1024) })), /exceeds 65536 bytes/, 413),
  // Past the limit the shop stops reading and drops the connection: no answer, which WeChat treats as FAIL.
  { ...refused('70 KB of XML streamed without a Content-Length: the connection is dropped', (w) => signedXml(w.merchant, forX(w, { attach: 'x'.repeat(70 * 1024) })), /exceeds 65536 bytes/, 0), chunked: true },
  {
    name: 'validly signed for an order that does not exist: acknowledged, only logged',
    body: (w) => signedXml(w.merchant, paymentFields(w.merchant, { outTradeNo: 'NOSUCHORDER000000000000001', totalFee: 1, transactionId: '4200000000NOSUCHORDER' })),
    status: 200,
    answer: 'SUCCESS',
    log: /UNKNOWN_ORDER/,
    changes: ['payment_notification +1'],
    then(_answers, _w, changes) {
      expect(changes.added.payment_notification![0]).to.include({ out_trade_no: 'NOSUCHORDER000000000000001', order_id: null, outcome: 'UNKNOWN_ORDER' });
    },
  },
  {
    name: 'validly signed payment failure (result_code FAIL) for Y: acknowledged, Y stays UNPAID',
    body: (w) =>
      signedXml(w.merchant, paymentFields(w.merchant, { outTradeNo: w.y.orderNo, totalFee: w.y.totalFee }, { result_code: 'FAIL', err_code: 'NOTENOUGH', transaction_id: undefined, time_end: undefined })),
    status: 200,
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
    body: (w) => w.genuineX,
    copies: 50,
    status: 200,
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
      const { before, after } = changes.changed.order![0]!;
      expect(Number(after.status), JSON.stringify(before)).to.equal(OrderStatus.PAID);
      expect(Number(after.total_count)).to.equal(2);
      const stock = changes.summary.find((line) => line.startsWith('stock 5'))!.match(/(\d+)→(\d+)/)!;
      expect(Number(stock[1]) - Number(stock[2]), 'deducted once').to.equal(2);
    },
  },
  {
    name: 'the same notification once more, after it was applied: acknowledged as a duplicate, nothing changes',
    body: (w) => w.genuineX,
    status: 200,
    answer: 'SUCCESS',
    log: /DUPLICATE/,
  },
  refused('the paid order X, a forged second payment for it', (w) => unsignedXml(forX(w, { transaction_id: '4200000000SECONDPAYMENT' }), SOME_SIGN), /signature does not verify/),
];

async function postChunked(url: string, body: string): Promise<Answer> {
  const bytes = Buffer.from(body, 'utf8');
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, (offset += 1024)));
    },
  });
  try {
    const response = await fetch(url, { method: 'POST', body: stream, headers: { 'content-type': 'text/xml' }, duplex: 'half' } as RequestInit);
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

function notifySuite(backend: Backend, label: string): void {
  const tally = new Tally('forged and replayed notifications', label);
  const world = hostileTable<World>(backend, tally, async (database) => {
    const shop = await startHostileShop(database.url, backend.redisUrl);
    const alice = await shop.shopper.buyer('notify-alice');
    const prepared = async (productId: number, count: number): Promise<Order> => {
      const order = await shop.shopper.placeOrder(alice, [{ product_id: productId, count }]);
      const pay = await shop.shopper.prepay(alice, order.id);
      if (pay.status !== 200) throw new Error(`pre_order: ${pay.text}`);
      const row = await shop.resources.database.db.selectFrom('order').select('total_price').where('id', '=', order.id).executeTakeFirstOrThrow();
      return { ...order, totalFee: Number(row.total_price) };
    };
    const x = await prepared(5, 2);
    const y = await prepared(6, 1);
    // WeChat pays X; its notification is lost on the way, so the rows below hold its exact signed body.
    const paid = shop.sandbox!.pay(x.orderNo, 'SUCCESS', { notify: false });
    const genuineX = shop.sandbox!.notifications().find((delivery) => delivery.id === paid.notificationId)!.body;
    const { appId, mchId, payKey } = shop.wechat;
    return { shop, merchant: { appId, mchId, payKey: payKey ?? '' }, x, y, genuineX };
  });

  for (const row of NOTIFY) {
    it(row.name, async () => {
      const { shop } = world;
      const body = row.body(world);
      const before = await shop.snapshot();
      const logsBefore = shop.logs.length;
      const send = () => (row.chunked ? postChunked(`${shop.url}${API}/pay/notify`, body) : shop.http.raw('POST', `${API}/pay/notify`, body, { 'content-type': 'text/xml' }));
      const answers = await Promise.all(Array.from({ length: row.copies ?? 1 }, send));
      for (const answer of answers) {
        expect(answer.status, `${row.name}: ${answer.text}`).to.equal(row.status);
        if (answer.status === 0) continue;
        expect(answer.headers.get('content-type')).to.match(/xml/);
        expect(parseXmlMessage(answer.text).return_code, answer.text).to.equal(row.answer);
      }
      const logged = () => shop.logs.slice(logsBefore).map(readable).join('\n');
      // A dropped connection is seen by the client a moment before the shop logs why.
      for (let waited = 0; !row.log.test(logged()) && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(logged(), `${row.name}: the log says why`).to.match(row.log);
      const after = await shop.snapshot();
      const changes = expectChanges(before, after, row.changes ?? [], row.name);
      await row.then?.(answers, world, changes);
      tally.record(row.answer === 'FAIL', changes);
    });
  }

  it('never writes the merchant key or a signature into the log', () => {
    const { shop, merchant, genuineX } = world;
    const everything = shop.logs.join('\n');
    expect(everything).to.not.include(merchant.payKey);
    const genuineSign = /<sign><!\[CDATA\[([0-9A-F]+)\]\]><\/sign>/.exec(genuineX)?.[1] ?? sign({}, merchant.payKey);
    expect(everything).to.not.include(genuineSign);
    expect(everything).to.not.include(SOME_SIGN);
  });
}

describeOnEveryBackend('hostile table 3: forged and replayed notifications', notifySuite);
