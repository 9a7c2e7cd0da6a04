import { expect } from 'chai';
import type { RefundRepository } from '../../src/application/index.js';
import { type RefundStatus, canRefundTransition } from '../../src/domain/index.js';

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
});
