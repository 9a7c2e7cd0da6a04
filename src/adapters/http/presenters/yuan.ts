import type { Fen } from '../../../domain/index.js';

/** Integer fen to the yuan string zerg clients read ("0.01"), by integer arithmetic only. */
export function yuan(amount: Fen): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new Error(`not an amount of fen: ${amount}`);
  const whole = Math.floor(amount / 100);
  const cents = amount % 100;
  return `${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

const YUAN = /^(0|[1-9]\d{0,8})(?:\.(\d{1,2}))?$/;

/** A yuan string ("12.5", "0.01") to integer fen by integer arithmetic; null when it is not one. */
export function parseYuan(text: string): Fen | null {
  const match = YUAN.exec(text);
  if (!match) return null;
  const cents = (match[2] ?? '').padEnd(2, '0');
  return Number(match[1]) * 100 + Number(cents);
}
