import { expect } from 'chai';
import { PaymentGatewayError } from '../../../src/application/index.js';
import { OrderStatus } from '../../../src/domain/index.js';
import { fakeNotificationXml } from '../../support/fake-notification.codec.js';
import { API, type MemoryHttpShop, startMemoryHttpShop } from './support/memory-http-shop.js';

describe('HTTP pay routes', () => {
  let shop: MemoryHttpShop;
  beforeEach(async () => {
    shop = await startMemoryHttpShop();
  });
  afterEach(() => shop.close());

  async function placed(token: string, products = [{ product_id: 2, count: 2 }]) {
    const { body } = await shop.http.post(`${API}/order`, { products }, token);
    return body as { order_id: number; order_no: string };
  }
  const notify = (xml: string) => shop.http.raw('POST', `${API}/pay/notify`, xml, { 'content-type': 'text/xml' });

  it('pre_order answers the wx.requestPayment fields without appId', async () => {
    const alice = await shop.shopper.buyer('alice');
    const order = await placed(alice);
    const { status, body } = await shop.http.post(`${API}/pay/pre_order`, { id: order.order_id }, alice);
    expect(status).to.equal(200);
    expect(body).to.deep.equal({ timeStamp: '1700000000', nonceStr: 'nonce', package: 'prepay_id=wx_prepay_1', signType: 'MD5', paySign: 'FAKE' });
    expect(shop.gateway.prepays.get(order.order_no)?.request.totalFee).to.equal(500);
  });

  it('pre_order refuses another user\'s order (403 10003), a super token (403 10002), an unknown order (404 80000)', async () => {
    const alice = await shop.shopper.buyer('alice');
    const bob = await shop.shopper.buyer('bob');
    const order = await placed(alice);
    const stolen = await shop.http.post(`${API}/pay/pre_order`, { id: order.order_id }, bob);
    expect(stolen.status).to.equal(403);
    expect(stolen.body.error_code).to.equal(10003);
    const cms = await shop.http.post(`${API}/pay/pre_order`, { id: order.order_id }, await shop.shopper.superToken());
    expect(cms.status).to.equal(403);
    expect(cms.body.error_code).to.equal(10002);
    expect((await shop.http.post(`${API}/pay/pre_order`, { id: 999 }, alice)).body.error_code).to.equal(80000);
    expect(shop.gateway.prepays.size).to.equal(0);
  });

  it('pre_order answers pass:false when stock ran out since the order was placed', async () => {
    const alice = await shop.shopper.buyer('alice');
    const order = await placed(alice, [{ product_id: 2, count: 5 }]);
    const product = shop.db.state.products.get(2)!;
    shop.db.state.products.set(2, { ...product, stock: 1 });
    const { status, body } = await shop.http.post(`${API}/pay/pre_order`, { id: order.order_id }, alice);
    expect(status).to.equal(200);
    expect(body).to.deep.include({ pass: false, order_id: order.order_id, orderPrice: '12.50', totalCount: 5 });
    expect(body.pStatusArray[0]).to.include({ haveStock: false, price: '2.50' });
  });

  it('pre_order maps a WeChat Pay failure to 502 90001 and leaves the order payable', async () => {
    const alice = await shop.shopper.buyer('alice');
    const order = await placed(alice);
    shop.gateway.failNext = new PaymentGatewayError('SYSTEMERROR', 'busy');
    const failed = await shop.http.post(`${API}/pay/pre_order`, { id: order.order_id }, alice);
    expect(failed.status).to.equal(502);
    expect(failed.body.error_code).to.equal(90001);
    expect(shop.db.state.orders.get(order.order_id)?.status).to.equal(OrderStatus.UNPAID);
    expect(shop.db.state.attempts.size).to.equal(0);
    expect((await shop.http.post(`${API}/pay/pre_order`, { id: order.order_id }, alice)).status).to.equal(200);
  });

  it('notify applies a verified payment once, answers SUCCESS XML, and the order reads PAID; pre_order then says 80003', async () => {
    const alice = await shop.shopper.buyer('alice');
    const order = await placed(alice);
    await shop.http.post(`${API}/pay/pre_order`, { id: order.order_id }, alice);
    const xml = fakeNotificationXml({ outTradeNo: order.order_no, transactionId: 'wx-tx-1', totalFee: 500 });
    for (let copy = 0; copy < 3; copy++) {
      const answer = await notify(xml);
      expect(answer.status).to.equal(200);
      expect(answer.headers.get('content-type')).to.contain('xml');
      expect(answer.text).to.contain('<return_code><![CDATA[SUCCESS]]></return_code>');
    }
    expect(shop.db.state.products.get(2)?.stock).to.equal(3);
    expect((await shop.http.get(`${API}/order/${order.order_id}`, alice)).body.status).to.equal(OrderStatus.PAID);
    const again = await shop.http.post(`${API}/pay/pre_order`, { id: order.order_id }, alice);
    expect(again.status).to.equal(409);
    expect(again.body.error_code).to.equal(80003);
  });

  it('notify answers FAIL for a bad signature or a wrong amount and changes nothing', async () => {
    const alice = await shop.shopper.buyer('alice');
    const order = await placed(alice);
    await shop.http.post(`${API}/pay/pre_order`, { id: order.order_id }, alice);
    const forged = await notify(fakeNotificationXml({ outTradeNo: order.order_no, transactionId: 't', totalFee: 500, sign: 'FORGED' }));
    expect(forged.status).to.equal(400);
    expect(forged.text).to.contain('FAIL');
    const cheap = await notify(fakeNotificationXml({ outTradeNo: order.order_no, transactionId: 't', totalFee: 1 }));
    expect(cheap.status).to.equal(400);
    expect(cheap.text).to.contain('FAIL');
    expect(shop.db.state.orders.get(order.order_id)?.status).to.equal(OrderStatus.UNPAID);
    expect(shop.db.state.products.get(2)?.stock).to.equal(5);
    expect(shop.db.state.notifications.size).to.equal(0);
  });

  it('notify acknowledges an unknown order, refuses an empty or oversized body', async () => {
    const unknown = await notify(fakeNotificationXml({ outTradeNo: 'nope', transactionId: 't', totalFee: 1 }));
    expect(unknown.status).to.equal(200);
    expect(unknown.text).to.contain('SUCCESS');
    expect((await notify('')).status).to.equal(400);
    const huge = await notify(`<xml>${'x'.repeat(70 * 1024)}</xml>`);
    expect(huge.status).to.equal(413);
  });
});
