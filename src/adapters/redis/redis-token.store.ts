import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Identity, Scope, TokenStore } from '../../application/index.js';

const TOKEN_FORMAT = /^[0-9a-f]{32,128}$/;
const SCOPES: readonly Scope[] = ['user', 'super'];

/**
 * Tokens in Redis, shared by every instance behind the load balancer; Redis expires them.
 * Keys hold a SHA-256 of the token, so a dump of Redis gives no usable token.
 */
export class RedisTokenStore implements TokenStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'weshop:token:',
  ) {}

  async issue(identity: Identity, ttlSeconds: number): Promise<string> {
    if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) throw new Error(`token TTL must be a positive integer, got ${ttlSeconds}`);
    const token = randomBytes(16).toString('hex');
    const value = JSON.stringify({ uid: identity.uid, scope: identity.scope, openid: identity.openid });
    const stored = await this.redis.set(this.key(token), value, 'EX', ttlSeconds, 'NX');
    if (stored !== 'OK') throw new Error('token collision'); // 2^-128: only a broken random source gets here
    return token;
  }

  async verify(token: string): Promise<Identity | null> {
    if (!TOKEN_FORMAT.test(token)) return null;
    const value = await this.redis.get(this.key(token));
    return value === null ? null : parseIdentity(value);
  }

  async revoke(token: string): Promise<void> {
    if (TOKEN_FORMAT.test(token)) await this.redis.del(this.key(token));
  }

  private key(token: string): string {
    return this.prefix + createHash('sha256').update(token).digest('hex');
  }
}

function parseIdentity(value: string): Identity | null {
  try {
    const parsed = JSON.parse(value) as Partial<Identity>;
    if (!Number.isSafeInteger(parsed.uid) || !SCOPES.includes(parsed.scope as Scope) || typeof parsed.openid !== 'string') return null;
    return { uid: parsed.uid as number, scope: parsed.scope as Scope, openid: parsed.openid };
  } catch {
    return null;
  }
}
