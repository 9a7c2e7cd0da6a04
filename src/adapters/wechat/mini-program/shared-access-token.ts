import { randomBytes } from 'node:crypto';
import { type AccessTokenStore, type StoredAccessToken, WeChatApiError } from '../../../application/index.js';

/** What `stable_token` answered: the token and its remaining lifetime. */
export interface FetchedToken {
  readonly token: string;
  readonly expiresInSeconds: number;
}

export interface SharedAccessTokenOptions {
  /** How long before expiry the next token is fetched. */
  readonly refreshMarginSeconds?: number;
  /** How long the refresh lock lasts if its holder never gives it back. */
  readonly lockSeconds?: number;
  /** How often, and how many times, an instance without a usable token looks again while another refreshes. */
  readonly waitMs?: number;
  readonly waitTries?: number;
}

/**
 * The mini-program's one access_token, shared by every instance through the store. An instance
 * reads it there; when it is due (a few minutes before it expires) or WeChat refused it (40001,
 * 42001), one instance at a time, holding the store's lock, fetches the next from `stable_token`
 * and writes it; the others keep using the one still valid, or wait for the new one. Within a
 * process, callers who need a refresh at once share one.
 */
export class SharedAccessToken {
  private readonly owner = randomBytes(8).toString('hex');
  private readonly margin: number;
  private readonly lockSeconds: number;
  private readonly waitMs: number;
  private readonly waitTries: number;
  private inFlight: Promise<string> | null = null;

  constructor(
    private readonly store: AccessTokenStore,
    private readonly fetchToken: (forceRefresh: boolean) => Promise<FetchedToken>,
    private readonly now: () => Date,
    options: SharedAccessTokenOptions = {},
  ) {
    this.margin = options.refreshMarginSeconds ?? 300;
    this.lockSeconds = options.lockSeconds ?? 15;
    this.waitMs = options.waitMs ?? 100;
    this.waitTries = options.waitTries ?? 100;
  }

  /** The token to call WeChat with: the stored one unless it is due. */
  async current(): Promise<string> {
    const stored = await this.store.read();
    if (stored && this.now() < stored.refreshAt) return stored.token;
    return this.refresh(stored, null);
  }

  /** WeChat refused `rejected`: the next one (fetched once, whoever asks). */
  async replace(rejected: string): Promise<string> {
    return this.refresh(await this.store.read(), rejected);
  }

  private refresh(stored: StoredAccessToken | null, rejected: string | null): Promise<string> {
    this.inFlight ??= this.refreshShared(stored, rejected).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async refreshShared(seen: StoredAccessToken | null, rejected: string | null): Promise<string> {
    let stored = seen;
    for (let tries = 0; ; tries++) {
      if (stored && this.usable(stored, rejected, 'fresh')) return stored.token;
      if (await this.store.lock(this.owner, this.now(), this.lockSeconds)) {
        try {
          const latest = await this.store.read();
          if (latest && this.usable(latest, rejected, 'fresh')) return latest.token;
          return await this.fetchAndStore(rejected);
        } finally {
          await this.store.unlock(this.owner);
        }
      }
      // Another instance is refreshing: a token still valid serves meanwhile.
      if (stored && this.usable(stored, rejected, 'valid')) return stored.token;
      if (tries >= this.waitTries) throw new WeChatApiError(-1, 'no access token: another instance holds the refresh lock and has not written one');
      await new Promise((resolve) => setTimeout(resolve, this.waitMs));
      stored = await this.store.read();
    }
  }

  private usable(stored: StoredAccessToken, rejected: string | null, how: 'fresh' | 'valid'): boolean {
    if (stored.token === rejected) return false;
    return this.now() < (how === 'fresh' ? stored.refreshAt : stored.expiresAt);
  }

  private async fetchAndStore(rejected: string | null): Promise<string> {
    let fetched = await this.fetchToken(false);
    // The ordinary answer is the token WeChat just refused: only a forced refresh replaces it.
    if (fetched.token === rejected) fetched = await this.fetchToken(true);
    const fetchedAt = this.now().getTime();
    const lifetime = Math.max(1, fetched.expiresInSeconds) * 1000;
    const token: StoredAccessToken = {
      token: fetched.token,
      expiresAt: new Date(fetchedAt + lifetime),
      // A token fetched late in its life is used for half of what is left, not fetched again at once.
      refreshAt: new Date(fetchedAt + Math.max(lifetime - this.margin * 1000, lifetime / 2)),
    };
    await this.store.write(token);
    return token.token;
  }
}
