import type { Clock } from '../../application/index.js';

/** A clock tests move by hand. */
export class FixedClock implements Clock {
  constructor(private current: Date = new Date('2026-11-24T12:00:00+08:00')) {}

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
