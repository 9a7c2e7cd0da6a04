import { expect } from 'chai';
import { PaymentGatewayError, type SubmitRefund } from '../../src/application/index.js';
import { aProduct } from '../support/mothers.js';
import { type MemoryShop, memoryShop } from '../support/shop.js';
import { paidOrder } from '../support/orders.js';

describe('SubmitRefund', () => {
  let shop: MemoryShop;
  let submit: SubmitRefund;
  /** A refund recorded REFUNDING that never reached WeChat (the request's own send timed out). */
  async function unsentRefund(refundFee = 300) {
    const { orderId } = await paidOrder(shop, 2);
    shop.gateway.failNext = new PaymentGatewayError('TIMEOUT', 'timed out');
    return shop.requestRefund.execute({ orderId, refundFee, reason: '少发一件' });
  }

  beforeEach(async () => {
    shop = await memoryShop([aProduct({ id: 1, price: 500, stock: 10 })]);
    submit = shop.submitRefund;
  });

  it('sends the refund under its own number and records WeChat\'s refund id; it stays REFUNDING', async () => {
    const refund = await unsentRefund();
    expect(await submit.execute({ refund })).to.equal('REFUNDING');
    const sent = shop.gateway.refunds.get(refund.outRefundNo);
    expect(sent?.request).to.deep.equal({ outRefundNo: refund.outRefundNo, transactionId: refund.transactionId, totalFee: 1000, refundFee: 300, reason: '少发一件' });
    expect(shop.db.state.refunds.get(refund.outRefundNo)).to.include({ status: 'REFUNDING', refundId: sent?.refundId });
  });

  it('sends the same number again after a timeout, which WeChat refunds once', async () => {
    const refund = await unsentRefund();
    await submit.execute({ refund });
    await submit.execute({ refund });
    expect(shop.gateway.refunds.size).to.equal(1);
  });

  it('fails a refund WeChat rejects, and its amount is refundable again', async () => {
    const refund = await unsentRefund(1000);
    shop.gateway.failNext = new PaymentGatewayError('REJECTED', 'NOTENOUGH: 余额不足');
    expect(await submit.execute({ refund })).to.equal('FAILED');
    expect(shop.db.state.refunds.get(refund.outRefundNo)).to.include({ status: 'FAILED', failureReason: 'NOTENOUGH: 余额不足' });
    const again = await shop.requestRefund.execute({ orderId: refund.orderId, refundFee: 1000, reason: 'again' });
    expect(again.status).to.equal('REFUNDING');
  });

  it('leaves the refund untouched when WeChat cannot be reached', async () => {
    const refund = await unsentRefund();
    shop.gateway.failNext = new PaymentGatewayError('TIMEOUT', 'timed out');
    expect(await submit.execute({ refund }).catch((e: unknown) => e)).to.be.instanceOf(PaymentGatewayError);
    expect(shop.db.state.refunds.get(refund.outRefundNo)).to.include({ status: 'REFUNDING', refundId: null });
  });
});
