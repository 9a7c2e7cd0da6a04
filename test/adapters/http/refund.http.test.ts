import { expect } from 'chai';
import { fakeNotificationXml } from '../../support/fake-notification.codec.js';
import { API, type MemoryHttpShop, startMemoryHttpShop } from './support/memory-http-shop.js';

describe('HTTP refund routes', () => {
  let shop: MemoryHttpShop;
  beforeEach(async () => {
    shop = await startMemoryHttpShop();
  });
  afterEach(() => shop.close());

  /** An order of 2 × ¥2.50 that WeChat reported paid. */
  async function paidOrder(): Promise<{ id: number; token: string }> {
    const token = await shop.shopper.buyer('alice');
    const { body: placed } = await shop.http.post(`${API}/order`, { products: [{ product_id: 2, count: 2 }] }, token);
    await shop.http.post(`${API}/pay/pre_order`, { id: placed.order_id }, token);
    const xml = fakeNotificationXml({ outTradeNo: placed.order_no, transactionId: 'wx-paid-1', totalFee: 500 });
    await shop.http.raw('POST', `${API}/pay/notify`, xml, { 'content-type': 'text/xml' });
    return { id: placed.order_id, token };
  }
  const refundNotify = (fields: string) => shop.http.raw('POST', `${API}/pay/refund_notify`, `<xml>${fields}</xml>`, { 'content-type': 'text/xml' });

  it('POST order/refund refunds part of a paid order in yuan (super only), and no more than was paid (409 80006)', async () => {
    const { id, token } = await paidOrder();
    const cms = await shop.shopper.superToken();
    const byUser = await shop.http.post(`${API}/order/refund`, { id, reason: '破损' }, token);
    expect(byUser.status).to.equal(403);
    const part = await shop.http.post(`${API}/order/refund`, { id, refund_fee: '1.5', reason: '破损' }, cms);
    expect(part.status, part.text).to.equal(201);
    expect(part.body).to.deep.include({ order_id: id, refund_fee: '1.50', reason: '破损' });
    expect(part.body.out_refund_no).to.match(/^R/);
    const tooMuch = await shop.http.post(`${API}/order/refund`, { id, refund_fee: '3.51', reason: 'again' }, cms);
    expect(tooMuch.status).to.equal(409);
    expect(tooMuch.body.error_code).to.equal(80006);
    const rest = await shop.http.post(`${API}/order/refund`, { id, refund_fee: '3.50', reason: 'rest' }, cms);
    expect(rest.status).to.equal(201);
  });

  it('POST order/refund refuses an unpaid order (409 80006), an unknown one (404 80000) and bad amounts (400)', async () => {
    const token = await shop.shopper.buyer('alice');
    const { body: placed } = await shop.http.post(`${API}/order`, { products: [{ product_id: 1, count: 1 }] }, token);
    const cms = await shop.shopper.superToken();
    expect((await shop.http.post(`${API}/order/refund`, { id: placed.order_id, reason: 'x' }, cms)).body.error_code).to.equal(80006);
    expect((await shop.http.post(`${API}/order/refund`, { id: 999, reason: 'x' }, cms)).status).to.equal(404);
    for (const refund_fee of ['-1', '1.234', 'abc', '01', '', null]) {
      const answer = await shop.http.post(`${API}/order/refund`, { id: placed.order_id, refund_fee, reason: 'x' }, cms);
      expect(answer.status, String(refund_fee)).to.equal(400);
      expect(answer.body.msg).to.contain('refund_fee');
    }
    expect((await shop.http.post(`${API}/order/refund`, { id: placed.order_id }, cms)).body.msg).to.contain('reason');
  });

  it('POST pay/refund_notify records WeChat\'s result and answers SUCCESS; an unopenable one answers FAIL', async () => {
    const { id } = await paidOrder();
    const cms = await shop.shopper.superToken();
    const { body: refund } = await shop.http.post(`${API}/order/refund`, { id, reason: '破损' }, cms);
    const done = await refundNotify(`<out_refund_no>${refund.out_refund_no}</out_refund_no><refund_id>wx-r-1</refund_id><refund_status>SUCCESS</refund_status><sign>VALID</sign>`);
    expect(done.status).to.equal(200);
    expect(done.text).to.contain('SUCCESS');
    expect(shop.db.state.refunds.get(refund.out_refund_no)?.status).to.equal('REFUNDED');
    const unknown = await refundNotify('<out_refund_no>R-nope</out_refund_no><refund_id>x</refund_id><refund_status>SUCCESS</refund_status><sign>VALID</sign>');
    expect(unknown.status).to.equal(200);
    const forged = await refundNotify('<out_refund_no>R-nope</out_refund_no><refund_status>SUCCESS</refund_status><sign>NO</sign>');
    expect(forged.status).to.equal(400);
    expect(forged.text).to.contain('FAIL');
  });

  it('GET order/:id and GET order/paginate show each refund: REFUNDING, REFUNDED, FAILED with its reason', async () => {
    const { id, token } = await paidOrder();
    const cms = await shop.shopper.superToken();
    const detail = async () => (await shop.http.get(`${API}/order/${id}`, token)).body;
    expect((await detail()).refunds).to.deep.equal([]);
    const { body: first } = await shop.http.post(`${API}/order/refund`, { id, refund_fee: '1.00', reason: '少发一件' }, cms);
    const { body: second } = await shop.http.post(`${API}/order/refund`, { id, refund_fee: '0.50', reason: '运费' }, cms);
    expect((await detail()).refunds).to.have.length(2);
    expect((await detail()).refunds[0]).to.deep.include({ out_refund_no: first.out_refund_no, refund_fee: '1.00', status: 'REFUNDING', reason: '少发一件', failure_reason: null });

    await refundNotify(`<out_refund_no>${first.out_refund_no}</out_refund_no><refund_id>wx-r-1</refund_id><refund_status>SUCCESS</refund_status><sign>VALID</sign>`);
    await refundNotify(`<out_refund_no>${second.out_refund_no}</out_refund_no><refund_id>wx-r-2</refund_id><refund_status>REFUNDCLOSE</refund_status><sign>VALID</sign>`);
    const [done, failed] = (await detail()).refunds;
    expect(done).to.deep.include({ status: 'REFUNDED', failure_reason: null });
    expect(failed.status).to.equal('FAILED');
    expect(failed.failure_reason).to.contain('REFUNDCLOSE');
    expect(failed.update_time).to.match(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const listed = (await shop.http.get(`${API}/order/paginate?page=1&size=10`, cms)).body.data.find((row: { id: number }) => row.id === id);
    expect(listed.refunds.map((refund: { status: string }) => refund.status)).to.deep.equal(['REFUNDED', 'FAILED']);
  });
});
