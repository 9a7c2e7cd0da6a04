import { WeChatApiError } from '../../../application/index.js';
import { type JsonCallOptions, errcodeOf, postJson, throwOnError } from './json-call.js';
import { type FetchedToken, SharedAccessToken, type SharedAccessTokenOptions } from './shared-access-token.js';
import type { AccessTokenStore } from '../../../application/index.js';

export interface MiniProgramApiConfig {
  readonly appId: string;
  readonly appSecret: string;
  /** `https://api.weixin.qq.com`, or the sandbox. */
  readonly apiBase: string;
}

export interface MiniProgramApiOptions extends Partial<JsonCallOptions> {
  readonly now?: () => Date;
  readonly token?: SharedAccessTokenOptions;
}

/** WeChat's answers to a token it does not take: invalid (40001) and expired (42001). */
const TOKEN_REFUSED = new Set([40001, 42001]);

/**
 * WeChat's mini-program server API with the shared access token: every call carries the stored
 * token; a call WeChat answers 40001 or 42001 gets the token replaced once and is made once more.
 */
export class MiniProgramApi {
  readonly accessToken: SharedAccessToken;
  private readonly call: JsonCallOptions;

  constructor(private readonly config: MiniProgramApiConfig, store: AccessTokenStore, options: MiniProgramApiOptions = {}) {
    this.call = { timeoutMs: options.timeoutMs ?? 5_000, fetch: options.fetch ?? globalThis.fetch };
    this.accessToken = new SharedAccessToken(store, (force) => this.stableToken(force), options.now ?? (() => new Date()), options.token);
  }

  /** POSTs `body` to `path` with the access token; the answer when its errcode is 0, else WeChatApiError. */
  async post(path: string, body: unknown): Promise<Record<string, unknown>> {
    const token = await this.accessToken.current();
    const answer = await postJson(this.urlOf(path, token), body, this.call);
    if (!TOKEN_REFUSED.has(errcodeOf(answer))) return throwOnError(answer);
    const replaced = await this.accessToken.replace(token);
    return throwOnError(await postJson(this.urlOf(path, replaced), body, this.call));
  }

  /** `/cgi-bin/stable_token`: the token every caller of this app gets until it expires (or a forced refresh). */
  private async stableToken(forceRefresh: boolean): Promise<FetchedToken> {
    const answer = throwOnError(
      await postJson(
        `${this.config.apiBase}/cgi-bin/stable_token`,
        { grant_type: 'client_credential', appid: this.config.appId, secret: this.config.appSecret, force_refresh: forceRefresh },
        this.call,
      ),
    );
    const expiresIn = Number(answer.expires_in);
    if (typeof answer.access_token !== 'string' || answer.access_token === '' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
      throw new WeChatApiError(-1, 'stable_token answered without access_token or expires_in');
    }
    return { token: answer.access_token, expiresInSeconds: expiresIn };
  }

  private urlOf(path: string, token: string): string {
    return `${this.config.apiBase}${path}?access_token=${encodeURIComponent(token)}`;
  }
}
