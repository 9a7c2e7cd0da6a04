import { expect } from 'chai';
import type { RefundRepository } from '../../src/application/index.js';
import {
  InvalidMoney,
  OrderStatus,
  REFUNDABLE_STATUSES,
  type RefundStatus,
  RefundNotAllowed,
  type Refund,
  allowedRefund,
  canRefundTransition,
  leftToRefund,
  refundNo,
} from '../../src/domain/index.js';
import { anOrder } from '../contract/builders.js';

describe('refunds', () => {
  describe('status machine', () => {
    const ALL: RefundStatus[] = ['REFUNDING', 'REFUNDED', 'FAILED'];

    it('moves REFUNDING to REFUNDED or FAILED (or keeps it REFUNDING when WeChat accepts it), and nothing out of an end', () => {
      const allowed = ALL.flatMap((from) => ALL.filter((to) => canRefundTransition(from, to)).map((to) => `${from} → ${to}`));
      expect(allowed).to.have.members(['REFUNDING → REFUNDING', 'REFUNDING → REFUNDED', 'REFUNDING → FAILED']).and.have.length(3);
    });

    it('lets no caller ask a repository for a forbidden move: such a call does not compile', () => {
      const at = new Date(0);
      const asked = (refunds: RefundRepository) => [
        refunds.transition('R1', 'REFUNDING', 'REFUNDED', { at }),
        // @ts-expect-error a refunded refund never fails afterwards
        refunds.transition('R1', 'REFUNDED', 'FAILED', { at }),
        // @ts-expect-error a failed refund is never sent again; a new refund is
        refunds.transition('R1', 'FAILED', 'REFUNDING', { at }),
      ];
      expect(asked).to.be.a('function');
    });
  });

  describe('numbering', () => {
    it('numbers a payment\'s refunds R<transaction_id>, then _2, _3 in the order they are created', () => {
      expect(refundNo('4200000001')).to.equal('R4200000001');
      const earlier = [{ transactionId: '4200000001' }, { transactionId: 'another payment' }, { transactionId: '4200000001' }];
      expect(refundNo('4200000001', earlier.slice(0, 1))).to.equal('R4200000001_2');
      expect(refundNo('4200000001', earlier)).to.equal('R4200000001_3');
      expect(refundNo('4200000002', earlier)).to.equal('R4200000002', 'refunds of other payments do not count');
    });

    it('stays within the 64 characters of out_refund_no for a WeChat transaction id (28 digits)', () => {
      const transactionId = '4'.repeat(28);
      expect(refundNo(transactionId, Array.from({ length: 9_999 }, () => ({ transactionId })))).to.have.length.at.most(64);
    });
  });

  describe('what an admin may refund', () => {
    const paid = (status: OrderStatus) => anOrder({ id: 7, status, totalPrice: 500, transactionId: '4200000001' });

    it('refunds the payment of a PAID, DELIVERED or PAID_BUT_OUT_OF order, in full unless an amount is named', () => {
      expect(REFUNDABLE_STATUSES).to.have.members([OrderStatus.PAID, OrderStatus.DELIVERED, OrderStatus.PAID_BUT_OUT_OF]);
      for (const status of REFUNDABLE_STATUSES) {
        expect(allowedRefund(paid(status), undefined)).to.deep.equal({ transactionId: '4200000001', refundFee: 500 });
        expect(allowedRefund(paid(status), 120)).to.deep.equal({ transactionId: '4200000001', refundFee: 120 });
      }
    });

    it('refuses an order with no payment to refund (unpaid or closed) and an amount under 1 fen', () => {
      expect(() => allowedRefund(anOrder({ status: OrderStatus.UNPAID }), undefined)).to.throw(RefundNotAllowed, /UNPAID has no payment/);
      expect(() => allowedRefund(paid(OrderStatus.CLOSED), undefined)).to.throw(RefundNotAllowed).with.property('code', 'REFUND.NOT_ALLOWED');
      expect(() => allowedRefund(anOrder({ status: OrderStatus.PAID, transactionId: null }), undefined)).to.throw(RefundNotAllowed);
      expect(() => allowedRefund(paid(OrderStatus.PAID), 0)).to.throw(RefundNotAllowed, /at least 1 fen/);
      expect(() => allowedRefund(paid(OrderStatus.PAID), 1.5)).to.throw(InvalidMoney);
    });

    it('leaves the total less every refund charged to the order that has not failed; nothing before it is paid', () => {
      const refund = (refundFee: number, status: RefundStatus, chargedToOrder = true, orderId = 7) => ({ orderId, refundFee, status, chargedToOrder }) as Refund;
      expect(leftToRefund(paid(OrderStatus.PAID), [])).to.equal(500);
      const refunds = [refund(100, 'REFUNDED'), refund(150, 'REFUNDING'), refund(200, 'FAILED'), refund(500, 'REFUNDED', false), refund(50, 'REFUNDED', true, 8)];
      expect(leftToRefund(paid(OrderStatus.DELIVERED), refunds), 'failed, stray-payment and other orders\' refunds do not count').to.equal(250);
      expect(leftToRefund(paid(OrderStatus.PAID), [refund(500, 'REFUNDING')])).to.equal(0);
      for (const status of [OrderStatus.UNPAID, OrderStatus.CLOSED]) expect(leftToRefund(paid(status), [])).to.equal(0);
    });
  });
});
