export const OrderNumberGenerator = Symbol('OrderNumberGenerator');
export interface OrderNumberGenerator {
  /** A unique order number that sorts by creation time; at most 32 characters (out_trade_no). */
  next(now: Date): string;
}
