import { randomInt } from 'node:crypto';
import type { OrderNumberGenerator } from '../../application/index.js';
import { chinaTimeDigits } from './china-time.js';

/**
 * `YYYYMMDDHHmmssSSS` in China time plus 10 random digits: 27 characters that sort by time,
 * never run out (unlike the zerg scheme's year letters), and leave room for an attempt suffix
 * within WeChat's 32-character out_trade_no. Collisions need the same millisecond and the same
 * one-in-10^10 draw, and the unique index turns even that into a retryable error.
 */
export class TimeOrderNumberGenerator implements OrderNumberGenerator {
  next(now: Date): string {
    const stamp = chinaTimeDigits(now);
    const random = String(randomInt(0, 100_000)).padStart(5, '0') + String(randomInt(0, 100_000)).padStart(5, '0');
    return stamp + random;
  }
}
