import { randomBytes } from 'node:crypto';
import type { Clock, Identity, TokenStore } from '../../application/index.js';

/** Tokens in this process's memory: the embedded default for a single instance. */
export class MemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, { identity: Identity; expiresAt: number }>();

  constructor(private readonly clock: Clock) {}

  async issue(identity: Identity, ttlSeconds: number): Promise<string> {
    const token = randomBytes(16).toString('hex');
    this.tokens.set(token, { identity: { ...identity }, expiresAt: this.clock.now().getTime() + ttlSeconds * 1000 });
    return token;
  }

  async verify(token: string): Promise<Identity | null> {
    const entry = this.tokens.get(token);
    if (!entry) return null;
    if (entry.expiresAt <= this.clock.now().getTime()) {
      this.tokens.delete(token);
      return null;
    }
    return { ...entry.identity };
  }

  async revoke(token: string): Promise<void> {
    this.tokens.delete(token);
  }
}
