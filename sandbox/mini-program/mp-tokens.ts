import type { SandboxMerchant } from '../sandbox-merchant.js';
import type { SeededRandom } from '../seeded-random.js';

/** What `stable_token` and the token checks saw: how often a token was fetched, forced, refused. */
export interface TokenCounts {
  readonly stableTokenCalls: number;
  readonly forcedRefreshes: number;
  /** Calls refused for their token, by errcode (40001 unknown, 42001 expired). */
  readonly refused: Readonly<Record<string, number>>;
}

/**
 * WeChat's access tokens as `stable_token` hands them out: the same token to every caller until it
 * expires (`expires_in` is what is left of it), a new one when forced (the previous one stays valid
 * five more minutes, as WeChat keeps it). A token that expired is 42001, one never issued 40001.
 */
export class SandboxAccessTokens {
  private current: { token: string; expiresAt: number } | null = null;
  private previous: { token: string; until: number } | null = null;
  private calls = 0;
  private forced = 0;
  private readonly refused: Record<string, number> = {};
  private readonly expired = new Set<string>();

  constructor(
    private readonly merchant: SandboxMerchant,
    private readonly random: SeededRandom,
    private readonly now: () => Date,
    private readonly lifetimeSeconds = 7200,
  ) {}

  stableToken(body: Record<string, unknown>): object {
    this.calls++;
    if (body.grant_type !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
    if (body.appid !== this.merchant.appId) return { errcode: 40013, errmsg: 'invalid appid' };
    if (body.secret !== this.merchant.appSecret) return { errcode: 40125, errmsg: 'invalid appsecret' };
    const now = this.now().getTime();
    if (body.force_refresh === true || !this.current || this.current.expiresAt <= now) {
      if (body.force_refresh === true) this.forced++;
      if (this.current && this.current.expiresAt > now) this.previous = { token: this.current.token, until: now + 300_000 };
      this.current = { token: `sandbox-at-${this.random.alphanumeric(40)}`, expiresAt: now + this.lifetimeSeconds * 1000 };
    }
    return { access_token: this.current.token, expires_in: Math.max(1, Math.floor((this.current.expiresAt - now) / 1000)) };
  }

  /** 0 when `token` may call, else the errcode WeChat answers (counted). */
  check(token: string | undefined): number {
    const now = this.now().getTime();
    if (token && this.current?.token === token && this.current.expiresAt > now) return 0;
    if (token && this.previous?.token === token && this.previous.until > now) return 0;
    const errcode = token && (this.expired.has(token) || this.current?.token === token || this.previous?.token === token) ? 42001 : 40001;
    this.refused[errcode] = (this.refused[errcode] ?? 0) + 1;
    return errcode;
  }

  /** The current token stops working now, as if its two hours were up. */
  expire(): void {
    if (this.current) {
      this.expired.add(this.current.token);
      this.current = { ...this.current, expiresAt: this.now().getTime() };
    }
    this.previous = null;
  }

  counts(): TokenCounts {
    return { stableTokenCalls: this.calls, forcedRefreshes: this.forced, refused: { ...this.refused } };
  }
}
