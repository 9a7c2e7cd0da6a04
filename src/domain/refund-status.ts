/**
 * REFUNDING: owed back and being (or about to be) sent to WeChat; REFUNDED: WeChat says the money
 * is back; FAILED: WeChat closed it, with the reason, and the amount is refundable again.
 */
export type RefundStatus = 'REFUNDING' | 'REFUNDED' | 'FAILED';

/** The refund status machine: every move a refund's status may make. */
export const REFUND_TRANSITIONS = {
  // REFUNDING -> REFUNDING: WeChat accepted the refund; its refund id is recorded, the money is not back yet.
  REFUNDING: ['REFUNDING', 'REFUNDED', 'FAILED'],
  REFUNDED: [],
  FAILED: [],
} as const satisfies Readonly<Record<RefundStatus, readonly RefundStatus[]>>;

/** The statuses a refund in status `From` may move to, as a type: `RefundRepository.transition` takes only these. */
export type RefundStatusAfter<From extends RefundStatus> = {
  [S in RefundStatus]: [From] extends [S] ? (typeof REFUND_TRANSITIONS)[S][number] : never;
}[RefundStatus];

export function canRefundTransition(from: RefundStatus, to: RefundStatus): boolean {
  return (REFUND_TRANSITIONS[from] as readonly RefundStatus[]).includes(to);
}
