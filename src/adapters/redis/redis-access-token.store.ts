import type { Redis } from 'ioredis';
import type { AccessTokenStore, StoredAccessToken } from '../../application/index.js';

/** Deletes the lock only if its value is still ours: a holder whose lock ran out never frees the next holder's. */
const UNLOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * The shared access token in Redis: the token (kept until it expires) and the refresh lock
 * (`SET … NX PX`, so it frees itself when its holder dies), both under the app's prefix.
 */
export class RedisAccessTokenStore implements AccessTokenStore {
  private readonly tokenKey: string;
  private readonly lockKey: string;

  constructor(private readonly redis: Redis, appId: string, prefix = 'weshop:wechat:') {
    this.tokenKey = `${prefix}access-token:${appId}`;
    this.lockKey = `${prefix}access-token-lock:${appId}`;
  }

  async read(): Promise<StoredAccessToken | null> {
    const raw = await this.redis.get(this.tokenKey);
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as { token?: unknown; expiresAt?: unknown; refreshAt?: unknown };
      if (typeof parsed.token !== 'string' || typeof parsed.expiresAt !== 'number' || typeof parsed.refreshAt !== 'number') return null;
      return { token: parsed.token, expiresAt: new Date(parsed.expiresAt), refreshAt: new Date(parsed.refreshAt) };
    } catch {
      return null;
    }
  }

  async write(token: StoredAccessToken): Promise<void> {
    const value = JSON.stringify({ token: token.token, expiresAt: token.expiresAt.getTime(), refreshAt: token.refreshAt.getTime() });
    // Redis forgets it a little after WeChat does; readers compare expiresAt themselves.
    await this.redis.set(this.tokenKey, value, 'PXAT', token.expiresAt.getTime() + 60_000);
  }

  async lock(owner: string, _now: Date, ttlSeconds: number): Promise<boolean> {
    return (await this.redis.set(this.lockKey, owner, 'PX', Math.max(1, Math.round(ttlSeconds * 1000)), 'NX')) === 'OK';
  }

  async unlock(owner: string): Promise<void> {
    await this.redis.eval(UNLOCK, 1, this.lockKey, owner);
  }
}
