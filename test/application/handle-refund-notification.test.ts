import { expect } from 'chai';
import type { HandleRefundNotification } from '../../src/application/index.js';
import { aProduct } from '../support/mothers.js';
import { type MemoryShop, memoryShop } from '../support/shop.js';
import { paidOrder } from '../support/orders.js';

describe('HandleRefundNotification', () => {
  let shop: MemoryShop;
  let handle: HandleRefundNotification;
  const refundOf = async () => {
    const { orderId } = await paidOrder(shop, 2);
    return shop.requestRefund.execute({ orderId, refundFee: 300, reason: 'x' });
  };

  beforeEach(async () => {
    shop = await memoryShop([aProduct({ id: 1, price: 500, stock: 10 })]);
    handle = shop.handleRefundNotification;
  });

  it('completes a refund on SUCCESS with the refund id WeChat names', async () => {
    const refund = await refundOf();
    expect(await handle.execute({ outRefundNo: refund.outRefundNo, refundId: 'wx-r-1', refundStatus: 'SUCCESS' })).to.deep.equal({ status: 'REFUNDED' });
    expect(shop.db.state.refunds.get(refund.outRefundNo)).to.include({ status: 'REFUNDED', refundId: 'wx-r-1' });
  });

  it('fails a refund WeChat ended as CHANGE or REFUNDCLOSE, naming how', async () => {
    for (const refundStatus of ['CHANGE', 'REFUNDCLOSE'] as const) {
      const refund = await refundOf();
      expect(await handle.execute({ outRefundNo: refund.outRefundNo, refundId: 'r', refundStatus })).to.deep.equal({ status: 'FAILED' });
      expect(shop.db.state.refunds.get(refund.outRefundNo)?.failureReason).to.equal(`WeChat ended the refund as ${refundStatus}`);
    }
  });

  it('answers an ended refund\'s status without changing it, and UNKNOWN_REFUND for a number it never made', async () => {
    const refund = await refundOf();
    await handle.execute({ outRefundNo: refund.outRefundNo, refundId: 'wx-r-1', refundStatus: 'SUCCESS' });
    expect(await handle.execute({ outRefundNo: refund.outRefundNo, refundId: 'wx-r-1', refundStatus: 'REFUNDCLOSE' })).to.deep.equal({ status: 'REFUNDED' });
    expect(shop.db.state.refunds.get(refund.outRefundNo)?.status).to.equal('REFUNDED');
    expect(await handle.execute({ outRefundNo: 'R-nope', refundId: 'r', refundStatus: 'SUCCESS' })).to.deep.equal({ status: 'UNKNOWN_REFUND' });
  });
});
