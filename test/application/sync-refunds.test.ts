import { expect } from 'chai';
import { PayConfig, PaymentGatewayError, type SyncRefunds } from '../../src/application/index.js';
import { aProduct } from '../support/mothers.js';
import { type MemoryShop, memoryShop } from '../support/shop.js';
import { paidOrder } from '../support/orders.js';

describe('SyncRefunds', () => {
  let shop: MemoryShop;
  let sync: SyncRefunds;
  const refundOf = async (options: { unsent?: boolean } = {}) => {
    const { orderId } = await paidOrder(shop, 2);
    if (options.unsent) shop.gateway.failNext = new PaymentGatewayError('TIMEOUT', 'timed out');
    return shop.requestRefund.execute({ orderId, refundFee: 300, reason: 'x' });
  };
  const statusOf = (outRefundNo: string) => shop.db.state.refunds.get(outRefundNo)?.status;

  beforeEach(async () => {
    shop = await memoryShop([aProduct({ id: 1, price: 500, stock: 10 })]);
    sync = shop.syncRefunds;
  });

  it('sends a refund WeChat does not know, leaves one in progress, and records the end of a settled one', async () => {
    const unsent = await refundOf({ unsent: true });
    const pending = await refundOf();
    const settled = await refundOf();
    shop.gateway.refunds.get(settled.outRefundNo)!.settled = true;
    const report = await sync.execute({ limit: 10 });
    expect(report).to.deep.include({ claimed: 3, skipped: 0, outcomes: { REFUNDING: 2, REFUNDED: 1 } });
    expect(shop.gateway.refunds.has(unsent.outRefundNo)).to.equal(true);
    expect([statusOf(unsent.outRefundNo), statusOf(pending.outRefundNo), statusOf(settled.outRefundNo)]).to.deep.equal(['REFUNDING', 'REFUNDING', 'REFUNDED']);
  });

  it('records a refund WeChat closed as FAILED', async () => {
    const refund = await refundOf();
    const queryRefund = shop.gateway.queryRefund.bind(shop.gateway);
    shop.gateway.queryRefund = async (outRefundNo) => (outRefundNo === refund.outRefundNo ? { state: 'REFUNDCLOSE' } : queryRefund(outRefundNo));
    expect((await sync.execute({ limit: 10 })).outcomes).to.deep.equal({ FAILED: 1 });
    expect(shop.db.state.refunds.get(refund.outRefundNo)).to.include({ status: 'FAILED', failureReason: 'WeChat ended the refund as REFUNDCLOSE' });
  });

  it('looks at a refund again only once its lease (JOB_ITEM_LEASE_SECONDS) has run out', async () => {
    await refundOf();
    expect((await sync.execute({ limit: 10 })).claimed).to.equal(1);
    shop.clock.advance(shop.container.get<PayConfig>(PayConfig).jobItemLeaseSeconds * 1000 - 1);
    expect((await sync.execute({ limit: 10 })).claimed).to.equal(0);
    shop.clock.advance(1);
    expect((await sync.execute({ limit: 10 })).claimed).to.equal(1);
  });

  it('counts a refund WeChat could not answer about as an error and goes on with the others', async () => {
    await refundOf();
    await refundOf();
    shop.gateway.failNext = new PaymentGatewayError('SYSTEMERROR', 'busy');
    const report = await sync.execute({ limit: 10 });
    expect(report.outcomes).to.deep.equal({ ERROR: 1, REFUNDING: 1 });
    expect(report.errors).to.have.length(1);
  });
});
