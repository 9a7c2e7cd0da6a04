/**
 * How many subscribe messages of a template each buyer allowed: each acceptance in
 * `wx.requestSubscribeMessage` allows exactly one message, and sending one uses it up.
 */
export const SubscribeConsents = Symbol('SubscribeConsents');
export interface SubscribeConsents {
  /** Adds `count` acceptances; the number now left. */
  grant(userId: number, templateId: string, count: number, at: Date): Promise<number>;
  /** Uses one acceptance if one is left (a conditional decrement); false when none is. Run inside a unit of work. */
  consume(userId: number, templateId: string, at: Date): Promise<boolean>;
  remaining(userId: number, templateId: string): Promise<number>;
}
