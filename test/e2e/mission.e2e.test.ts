import { expect } from 'chai';
import { sign } from '../../src/adapters/wechat/index.js';
import { OrderStatus } from '../../src/domain/index.js';
import { describeOnRealBackends } from '../support/backends.js';
import { type RealShop, startRealShop } from '../support/shop.js';
import { API } from '../support/shopper.js';
import { type Exchange, OpenApiConformance } from '../support/openapi-conformance.js';

/** The mission over real HTTP on the production wiring: Kysely, the WeChat clients, the sandbox. */
describeOnRealBackends('the mission end to end', function (backend) {
  this.timeout(30_000);
  let real: RealShop;
  let drop: () => Promise<void>;
  const exchanges: Exchange[] = [];

  before(async () => {
    const database = await backend.database();
    drop = database.drop;
    // A refund ends when the test settles it, never by itself in between.
    real = await startRealShop(database.url, backend.redisUrl, { sandbox: { refundSettleSeconds: null } });
    real.http.observe((method, path, answer) =>
      exchanges.push({ method, path, status: answer.status, contentType: answer.headers.get('content-type') ?? '', body: answer.body }),
    );
  });
  after(async () => {
    await real?.close();
    await drop?.();
  });

  it('login → address → order → pre_order → sandbox pays → signed notify → PAID, stock deducted once', async () => {
    const alice = await real.shopper.buyer('alice');
    const before = await real.shopper.stockOf(1);
    const placed = await real.http.post(`${API}/order`, { products: [{ product_id: 1, count: 2 }, { product_id: 1, count: 1 }] }, alice);
    expect(placed.status, placed.text).to.equal(200);
    expect(placed.body.pass).to.equal(true);

    const pay = await real.http.post(`${API}/pay/pre_order`, { id: placed.body.order_id }, alice);
    expect(pay.status, pay.text).to.equal(200);
    expect(pay.body).to.have.all.keys('timeStamp', 'nonceStr', 'package', 'signType', 'paySign');
    expect(pay.body.package).to.match(/^prepay_id=/);

    const sandbox = real.sandbox;
    await real.shopper.pay(placed.body.order_no);
    sandbox.sendDuplicate(placed.body.order_no);
    await sandbox.idle();
    expect(sandbox.notifications().every((delivery) => delivery.state === 'ACKNOWLEDGED')).to.equal(true);

    const order = await real.http.get(`${API}/order/${placed.body.order_id}`, alice);
    expect(order.body.status).to.equal(OrderStatus.PAID);
    expect(order.body.snap_items[0]).to.include({ id: 1, counts: 3 });
    expect(await real.shopper.stockOf(1)).to.equal(before - 3);
    const again = await real.http.post(`${API}/pay/pre_order`, { id: placed.body.order_id }, alice);
    expect(again.body.error_code).to.equal(80003);
  });

  it('keeps users apart: B cannot read or pay A\'s order; a user cannot deliver; a super token cannot order', async () => {
    const alice = await real.shopper.buyer('alice2');
    const bob = await real.shopper.buyer('bob2');
    const { body: placed } = await real.http.post(`${API}/order`, { products: [{ product_id: 2, count: 1 }] }, alice);
    expect((await real.http.get(`${API}/order/${placed.order_id}`, bob)).body.error_code).to.equal(10003);
    expect((await real.http.post(`${API}/pay/pre_order`, { id: placed.order_id }, bob)).body.error_code).to.equal(10003);
    expect((await real.http.get(`${API}/order/by_user`, bob)).body.data).to.deep.equal([]);
    expect((await real.http.put(`${API}/order/delivery`, { id: placed.order_id }, alice)).status).to.equal(403);
    const cms = await real.shopper.superToken();
    const refused = await real.http.post(`${API}/order`, { products: [{ product_id: 2, count: 1 }] }, cms);
    expect(refused.status).to.equal(403);
    expect(refused.body.error_code).to.equal(10002);
  });

  it('lets the CMS list every order and deliver a paid one, once', async () => {
    const alice = await real.shopper.buyer('alice3');
    const { body: placed } = await real.http.post(`${API}/order`, { products: [{ product_id: 3, count: 1 }] }, alice);
    await real.http.post(`${API}/pay/pre_order`, { id: placed.order_id }, alice);
    const cms = await real.shopper.superToken();
    expect((await real.http.put(`${API}/order/delivery`, { id: placed.order_id }, cms)).body.error_code).to.equal(80002);
    await real.shopper.pay(placed.order_no);
    const all = await real.http.get(`${API}/order/paginate?page=1&size=100`, cms);
    expect(all.body.data.map((order: { id: number }) => order.id)).to.include(placed.order_id);
    expect((await real.http.put(`${API}/order/delivery`, { id: placed.order_id }, cms)).status).to.equal(201);
    expect((await real.http.get(`${API}/order/${placed.order_id}`, alice)).body.status).to.equal(OrderStatus.DELIVERED);
    expect((await real.http.put(`${API}/order/delivery`, { id: placed.order_id }, cms)).body.error_code).to.equal(80002);
  });

  it('answers a forged notification FAIL and changes nothing', async () => {
    const alice = await real.shopper.buyer('alice4');
    const { body: placed } = await real.http.post(`${API}/order`, { products: [{ product_id: 4, count: 1 }] }, alice);
    await real.http.post(`${API}/pay/pre_order`, { id: placed.order_id }, alice);
    const before = await real.shopper.stockOf(4);
    const forged = `<xml><return_code>SUCCESS</return_code><result_code>SUCCESS</result_code><appid>${real.wechat.appId}</appid><mch_id>${real.wechat.mchId}</mch_id><out_trade_no>${placed.order_no}</out_trade_no><transaction_id>forged</transaction_id><total_fee>1</total_fee><sign>0123456789ABCDEF0123456789ABCDEF</sign></xml>`;
    const answer = await real.http.raw('POST', `${API}/pay/notify`, forged, { 'content-type': 'text/xml' });
    expect(answer.status).to.equal(400);
    expect(answer.text).to.contain('FAIL');
    expect((await real.http.get(`${API}/order/${placed.order_id}`, alice)).body.status).to.equal(OrderStatus.UNPAID);
    expect(await real.shopper.stockOf(4)).to.equal(before);
  });

  it('refuses correctly signed notifications that do not fit: wrong amount, return_code FAIL; and non-XML or DOCTYPE bodies', async () => {
    const alice = await real.shopper.buyer('alice5');
    const { body: placed } = await real.http.post(`${API}/order`, { products: [{ product_id: 6, count: 1 }] }, alice);
    await real.http.post(`${API}/pay/pre_order`, { id: placed.order_id }, alice);
    const { wechat } = real;
    const signed = (fields: Record<string, string>) => {
      const all = { appid: wechat.appId, mch_id: wechat.mchId, nonce_str: 'n0nce', out_trade_no: placed.order_no, transaction_id: 'tx-odd', result_code: 'SUCCESS', return_code: 'SUCCESS', ...fields };
      const body = Object.entries({ ...all, sign: sign(all, wechat.payKey ?? '', 'MD5') }).map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`).join('');
      return `<xml>${body}</xml>`;
    };
    const notify = (xml: string) => real.http.raw('POST', `${API}/pay/notify`, xml, { 'content-type': 'text/xml' });
    const cheap = await notify(signed({ total_fee: '999' }));
    expect(cheap.status, cheap.text).to.equal(400);
    expect(cheap.text).to.contain('FAIL');
    const failed = await notify(signed({ return_code: 'FAIL', total_fee: '1' }));
    expect(failed.text).to.contain('FAIL');
    for (const body of ['', 'not xml', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><a>&e;</a></xml>']) {
      const answer = await notify(body);
      expect(answer.status, body).to.equal(400);
      expect(answer.text).to.contain('FAIL');
    }
    expect((await real.http.get(`${API}/order/${placed.order_id}`, alice)).body.status).to.equal(OrderStatus.UNPAID);
  });

  it('refunds a paid order through WeChat Pay and takes the encrypted refund notification', async () => {
    const alice = await real.shopper.buyer('alice6');
    const { body: placed } = await real.http.post(`${API}/order`, { products: [{ product_id: 7, count: 3 }] }, alice);
    await real.http.post(`${API}/pay/pre_order`, { id: placed.order_id }, alice);
    const sandbox = real.sandbox;
    sandbox.pay(placed.order_no);
    await sandbox.idle();
    const refund = await real.http.post(`${API}/order/refund`, { id: placed.order_id, refund_fee: '0.02', reason: '少发一件' }, await real.shopper.superToken());
    expect(refund.status, refund.text).to.equal(201);
    expect(refund.body).to.include({ refund_fee: '0.02', status: 'REFUNDING' });
    sandbox.settleRefund(refund.body.out_refund_no, 'SUCCESS');
    await sandbox.idle();
    const delivery = sandbox.notifications().find((note) => note.kind === 'REFUND' && note.outTradeNo === placed.order_no);
    expect(delivery, JSON.stringify(sandbox.notifications())).to.not.equal(undefined);
    expect(delivery?.state).to.equal('ACKNOWLEDGED');
  });

  it('answers every catalog route in zerg shapes from the seeded shop', async () => {
    for (const path of ['/banner/1', '/theme?ids=1,2,3', '/theme/1', '/product/recent', '/product/by_category?id=1', '/product/1', '/category/all']) {
      const answer = await real.http.get(API + path);
      expect(answer.status, path).to.equal(200);
    }
    const product = (await real.http.get(`${API}/product/1`)).body;
    expect(product.price).to.match(/^\d+\.\d{2}$/);
    expect(product.imgs[0]).to.have.nested.property('img_url.url');
    expect((await real.http.get(`${API}/theme/1`)).body).to.have.nested.property('head_img.url');
  });

  it('names every image absolute in catalogue and order answers, and serves each of the demo\'s; banner taps open real products', async () => {
    const answers: unknown[] = [];
    const read = async (path: string, token?: string) => {
      const answer = await real.http.get(API + path, token);
      expect(answer.status, `${path}: ${answer.text.slice(0, 200)}`).to.equal(200);
      answers.push(answer.body);
      return answer.body;
    };
    const banner = await read('/banner/1');
    for (const item of banner.items.filter((each: { type: number }) => each.type === 1)) await read(`/product/${item.key_word}`);
    await read('/theme?ids=1,2,3');
    for (const id of [1, 2, 3]) await read(`/theme/${id}`);
    const categories = await read('/category/all');
    for (const category of categories) await read(`/product/by_category?id=${category.id}`);
    const recent = await read('/product/recent');
    for (const product of recent) await read(`/product/${product.id}`);
    const alice = await real.shopper.buyer('alice-images');
    const { body: placed } = await real.http.post(`${API}/order`, { products: [{ product_id: 5, count: 1 }, { product_id: 9, count: 2 }] }, alice);
    expect(placed.pass).to.equal(true);
    await read('/order/by_user', alice);
    await read(`/order/${placed.order_id}`, alice);
    await read('/order/paginate?page=1&size=100', await real.shopper.superToken());

    const urls = imageUrlsIn(answers);
    const wrong = urls.filter(([url]) => !/^https?:\/\/[^/]+\/./.test(url));
    expect(wrong, 'image URLs that are not absolute http(s)').to.deep.equal([]);
    const kinds = new Set(urls.map(([, key]) => key));
    expect([...kinds].sort()).to.deep.equal(['img.url', 'img_url.url', 'main_img_url', 'snap_img', 'topic_img.url', 'head_img.url'].sort());
    const unique = [...new Set(urls.map(([url]) => url))];
    expect(unique.length, 'the demo\'s banner, theme, category, product and detail images').to.be.at.least(80);
    for (const url of unique) {
      expect(url.startsWith(`${real.url}/images/`), url).to.equal(true);
      const image = await fetch(url);
      expect(image.status, url).to.equal(200);
      expect(image.headers.get('content-type'), url).to.match(/^image\//);
      expect((await image.arrayBuffer()).byteLength, url).to.be.greaterThan(100);
    }
  });

  it('is ready when its database (and Redis) answer', async () => {
    const ready = await real.http.get('/readyz');
    expect(ready.status).to.equal(200);
    expect(ready.body.checks.database).to.equal('ok');
    if (backend.redisUrl) expect(ready.body.checks.redis).to.equal('ok');
  });

  it('answered every request above as its own /openapi.json documents: the operation, the status, the body (errors’ codes too)', async () => {
    const api = exchanges.filter((exchange) => exchange.path.startsWith('/api/') || exchange.path.endsWith('z'));
    const conformance = new OpenApiConformance((await fetch(`${real.url}/openapi.json`).then((answer) => answer.json())) as object);
    expect(api.length).to.be.greaterThan(50);
    expect(new Set(api.map((exchange) => exchange.status))).to.include.members([200, 201, 400, 403, 409]);
    expect(conformance.check(api)).to.deep.equal([]);
  });
});

/** Every image URL in the answers, with the key it was found under (`img.url`, `main_img_url`, `snap_img`, …). */
function imageUrlsIn(answers: unknown[]): (readonly [string, string])[] {
  const found: (readonly [string, string])[] = [];
  const walk = (value: unknown, parent: string) => {
    if (Array.isArray(value)) return value.forEach((each) => walk(each, parent));
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (typeof child === 'string' && (key === 'main_img_url' || key === 'snap_img')) found.push([child, key]);
      else if (typeof child === 'string' && key === 'url' && /img/.test(parent)) found.push([child, `${parent}.url`]);
      else walk(child, key);
    }
  };
  answers.forEach((answer) => walk(answer, ''));
  return found;
}
