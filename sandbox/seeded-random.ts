import { createHash, randomBytes } from 'node:crypto';

/** Reproducible randomness: SHA-256 of `seed:counter` blocks. Not for secrets, only for stable tests. */
export class SeededRandom {
  private counter = 0;
  private pool = '';

  constructor(private readonly seed: string = randomBytes(16).toString('hex')) {}

  hex(length: number): string {
    while (this.pool.length < length) {
      this.pool += createHash('sha256').update(`${this.seed}:${this.counter++}`).digest('hex');
    }
    const taken = this.pool.slice(0, length);
    this.pool = this.pool.slice(length);
    return taken;
  }

  digits(length: number): string {
    let result = '';
    while (result.length < length) result += String(Number.parseInt(this.hex(8), 16) % 1e8).padStart(8, '0');
    return result.slice(0, length);
  }

  /** Uppercase letters and digits, like WeChat's nonce_str. */
  alphanumeric(length: number): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    let result = '';
    while (result.length < length) result += alphabet[Number.parseInt(this.hex(2), 16) % alphabet.length];
    return result;
  }
}
