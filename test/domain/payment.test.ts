import { expect } from 'chai';
import { isPastPayDeadline, outTradeNo, overdueIfPlacedBefore, payDeadline } from '../../src/domain/index.js';
import { anOrder } from '../contract/builders.js';

describe('payment rules', () => {
  describe('the pay deadline', () => {
    const { createTime } = anOrder();
    const at = (seconds: number) => new Date(createTime.getTime() + seconds * 1000);

    it('falls ORDER_PAY_TIMEOUT after the order was placed', () => {
      expect(payDeadline(createTime, 1800)).to.deep.equal(at(1800));
    });

    it('has passed from the deadline on', () => {
      expect(isPastPayDeadline(createTime, 1800, at(1799))).to.equal(false);
      expect(isPastPayDeadline(createTime, 1800, at(1800))).to.equal(true);
      expect(isPastPayDeadline(createTime, 1800, at(1801))).to.equal(true);
    });

    it('reads backwards for a query: orders placed before now - ORDER_PAY_TIMEOUT are overdue', () => {
      expect(overdueIfPlacedBefore(at(1800), 1800)).to.deep.equal(createTime);
    });
  });

  describe('out_trade_no', () => {
    it('is the order number for the first attempt, then <order_no>_2, _3', () => {
      expect(outTradeNo('A2611240400001', 1)).to.equal('A2611240400001');
      expect(outTradeNo('A2611240400001', 2)).to.equal('A2611240400001_2');
      expect(outTradeNo('A2611240400001', 3)).to.equal('A2611240400001_3');
    });

    it('counts attempts from 1', () => {
      expect(() => outTradeNo('A1', 0)).to.throw(RangeError);
    });
  });
});
