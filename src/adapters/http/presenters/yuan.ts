import type { Fen } from '../../../domain/index.js';

/** Integer fen to the yuan string zerg clients read ("0.01"), by integer arithmetic only. */
export function yuan(amount: Fen): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new Error(`not an amount of fen: ${amount}`);
  const whole = Math.floor(amount / 100);
  const cents = amount % 100;
  return `${whole}.${cents < 10 ? '0' : ''}${cents}`;
}
