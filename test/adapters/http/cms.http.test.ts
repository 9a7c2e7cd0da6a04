import { expect } from 'chai';
import { fakeNotificationXml } from '../../support/fake-notification.codec.js';
import { FakeMiniProgram } from '../../../src/adapters/fakes/fake-mini-program.js';
import { anAddress } from '../../support/mothers.js';
import { API, type MemoryHttpShop, startMemoryHttpShop } from './support/memory-http-shop.js';

/** What the operator's console reads: orders by status, and one order with its payment attempts and refunds. */
describe('HTTP CMS reads: order/paginate?status and order/cms/:id', () => {
  let shop: MemoryHttpShop;
  let cms: string;
  let shopper: string;
  beforeEach(async () => {
    shop = await startMemoryHttpShop();
    cms = await shop.shopper.superToken();
    shopper = await shop.shopper.buyer('alice');
  });
  afterEach(() => shop.close());

  const place = async (): Promise<{ id: number; orderNo: string }> => {
    const { body } = await shop.http.post(`${API}/order`, { products: [{ product_id: 2, count: 2 }] }, shopper);
    return { id: body.order_id, orderNo: body.order_no };
  };
  /** 2 × ¥2.50, paid at WeChat. */
  const paid = async (transactionId: string) => {
    const order = await place();
    await shop.http.post(`${API}/pay/pre_order`, { id: order.id }, shopper);
    const xml = fakeNotificationXml({ outTradeNo: order.orderNo, transactionId, totalFee: 500 });
    expect((await shop.http.raw('POST', `${API}/pay/notify`, xml, { 'content-type': 'text/xml' })).status).to.equal(200);
    return order;
  };
  const ids = (answer: { body: { data: { id: number }[] } }) => answer.body.data.map((row) => row.id);

  it('lists the orders of one status, newest first, each with who it goes to; every status without the filter', async () => {
    const unpaid = await place();
    const first = await paid('wx-1');
    const second = await paid('wx-2');
    const paidOnes = await shop.http.get(`${API}/order/paginate?status=2`, cms);
    expect(paidOnes.status, paidOnes.text).to.equal(200);
    expect(ids(paidOnes)).to.deep.equal([second.id, first.id]);
    expect(paidOnes.body.data[0].snap_address).to.deep.equal(anAddress());
    expect(ids(await shop.http.get(`${API}/order/paginate?status=1`, cms))).to.deep.equal([unpaid.id]);
    expect(ids(await shop.http.get(`${API}/order/paginate?status=2&page=2&size=1`, cms))).to.deep.equal([first.id]);
    expect(ids(await shop.http.get(`${API}/order/paginate?status=5`, cms))).to.deep.equal([]);
    expect(ids(await shop.http.get(`${API}/order/paginate`, cms))).to.deep.equal([second.id, first.id, unpaid.id]);
  });

  it('refuses a status that is not one (400 10000, naming it)', async () => {
    for (const status of ['0', '6', 'PAID', '2.5', '']) {
      const answer = await shop.http.get(`${API}/order/paginate?status=${status}`, cms);
      expect(answer.status, status).to.equal(400);
      expect(answer.body).to.include({ error_code: 10000 });
      expect(answer.body.msg).to.match(/^status must be an integer from 1 to 5/);
    }
  });

  it('shows any order to the operator: its detail, payment attempts, each refund with its cause, and what is left to refund', async () => {
    const order = await paid('wx-3');
    const refund = await shop.http.post(`${API}/order/refund`, { id: order.id, refund_fee: '1.50', reason: '破损' }, cms);
    expect(refund.status, refund.text).to.equal(201);

    const seen = await shop.http.get(`${API}/order/cms/${order.id}`, cms);
    expect(seen.status, seen.text).to.equal(200);
    expect(seen.body).to.include({ id: order.id, order_no: order.orderNo, status: 2, total_price: '5.00', transaction_id: 'wx-3', refundable_fee: '3.50' });
    expect(seen.body.snap_address).to.deep.equal(anAddress());
    expect(seen.body.snap_items[0]).to.include({ id: 2, counts: 2 });
    expect(seen.body.payment_attempts).to.have.length(1);
    expect(seen.body.payment_attempts[0].out_trade_no).to.equal(order.orderNo);
    expect(seen.body.payment_attempts[0].expire_time).to.match(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(seen.body.refunds).to.have.length(1);
    expect(seen.body.refunds[0]).to.include({ out_refund_no: refund.body.out_refund_no, refund_fee: '1.50', reason: '破损', cause: 'REQUESTED', failure_reason: null });

    // The shopper's own view of the same order keeps its shape.
    const own = await shop.http.get(`${API}/order/${order.id}`, shopper);
    expect(own.body).to.not.have.any.keys('payment_attempts', 'refundable_fee', 'transaction_id');
    expect(own.body.refunds[0]).to.not.have.property('cause');
  });

  it('answers an unknown order 404 80000, a bad id 400, a user token 403 10002 and no token 401 10001', async () => {
    expect((await shop.http.get(`${API}/order/cms/999`, cms)).body).to.include({ error_code: 80000 });
    expect((await shop.http.get(`${API}/order/cms/999`, cms)).status).to.equal(404);
    expect((await shop.http.get(`${API}/order/cms/abc`, cms)).status).to.equal(400);
    const order = await place();
    const byUser = await shop.http.get(`${API}/order/cms/${order.id}`, shopper);
    expect([byUser.status, byUser.body.error_code]).to.deep.equal([403, 10002]);
    const anonymous = await shop.http.get(`${API}/order/cms/${order.id}`);
    expect([anonymous.status, anonymous.body.error_code]).to.deep.equal([401, 10001]);
  });

  it('GET order/delivery/options lists WeChat\'s carriers and is_trade_managed, null when WeChat does not answer it (super only)', async () => {
    const miniProgram = shop.container.get(FakeMiniProgram);
    miniProgram.carriers = new Set(['SF', 'ZTO']);
    const options = await shop.http.get(`${API}/order/delivery/options`, cms);
    expect(options.status, options.text).to.equal(200);
    expect(options.body).to.deep.equal({ carriers: [{ code: 'SF', name: 'SF' }, { code: 'ZTO', name: 'ZTO' }], trade_managed: true });
    miniProgram.refuse('managed', -1, 'unreachable');
    expect((await shop.http.get(`${API}/order/delivery/options`, cms)).body.trade_managed).to.equal(null);
    miniProgram.refuse('carriers', 45009, 'api freq out of limit');
    expect((await shop.http.get(`${API}/order/delivery/options`, cms)).body).to.include({ error_code: 90004 });
    expect((await shop.http.get(`${API}/order/delivery/options`, shopper)).body).to.include({ error_code: 10002 });
  });
});
