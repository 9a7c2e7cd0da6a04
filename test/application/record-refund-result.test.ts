import { expect } from 'chai';
import { PaymentGatewayError, type RecordRefundResult } from '../../src/application/index.js';
import { RefundNotAllowed } from '../../src/domain/index.js';
import { aProduct } from '../support/mothers.js';
import { type MemoryShop, memoryShop } from '../support/shop.js';
import { paidOrder } from '../support/orders.js';

describe('RecordRefundResult', () => {
  let shop: MemoryShop;
  let record: RecordRefundResult;
  const refundOf = async (refundFee: number) => {
    const { orderId } = await paidOrder(shop, 2);
    return shop.requestRefund.execute({ orderId, refundFee, reason: 'x' });
  };
  const stored = (outRefundNo: string) => shop.db.state.refunds.get(outRefundNo);

  beforeEach(async () => {
    shop = await memoryShop([aProduct({ id: 1, price: 500, stock: 10 })]);
    record = shop.recordRefundResult;
  });

  it('records a refund WeChat completed, at the clock\'s time, with WeChat\'s refund id', async () => {
    const refund = await refundOf(300);
    shop.clock.advance(60_000);
    expect(await record.execute({ refund, result: { status: 'REFUNDED', refundId: 'wx-refund-9' } })).to.equal('REFUNDED');
    expect(stored(refund.outRefundNo)).to.include({ status: 'REFUNDED', refundId: 'wx-refund-9' });
    expect(stored(refund.outRefundNo)?.updatedAt.getTime()).to.equal(shop.clock.now().getTime());
  });

  it('records a failure with the start of WeChat\'s reason, and gives its amount back to the order', async () => {
    const refund = await refundOf(1000);
    await record.execute({ refund, result: { status: 'FAILED', reason: `REFUNDCLOSE ${'很'.repeat(300)}` } });
    expect(stored(refund.outRefundNo)?.status).to.equal('FAILED');
    expect(stored(refund.outRefundNo)?.failureReason).to.have.length(255);
    shop.gateway.refunds.clear();
    expect((await shop.requestRefund.execute({ orderId: refund.orderId, refundFee: 1000, reason: 'again' })).status).to.equal('REFUNDING');
  });

  it('records an end once: a later, different result changes nothing and gives nothing back twice', async () => {
    const refund = await refundOf(1000);
    await record.execute({ refund, result: { status: 'FAILED', reason: 'CHANGE' } });
    await record.execute({ refund, result: { status: 'FAILED', reason: 'CHANGE again' } });
    await record.execute({ refund, result: { status: 'REFUNDED', refundId: 'late' } });
    expect(stored(refund.outRefundNo)).to.include({ status: 'FAILED', failureReason: 'CHANGE', refundId: refund.refundId });
    shop.gateway.failNext = new PaymentGatewayError('TIMEOUT', 'the second request stays unsent');
    await shop.requestRefund.execute({ orderId: refund.orderId, refundFee: 1000, reason: 'again' });
    const error = await shop.requestRefund.execute({ orderId: refund.orderId, refundFee: 1, reason: 'more' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RefundNotAllowed, 'the failed amount came back once, not twice');
  });
});
