import { type WeChatLogin, WeChatLoginError, type WeChatSession } from '../../application/index.js';
import { readTextLimited } from './http-body.js';
import type { WeChatConfig } from './wechat.config.js';

export type WeChatLoginClientConfig = Pick<WeChatConfig, 'appId' | 'appSecret' | 'apiBase'>;

export interface WeChatLoginClientOptions {
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

const KNOWN_ERRORS: Readonly<Record<number, string>> = {
  [-1]: 'WeChat is busy; try again in a moment',
  40029: 'the login code is invalid',
  40163: 'the login code has already been used',
  45011: 'too many logins for this user; slow down',
  40226: 'this user is blocked by WeChat (high risk)',
  40013: 'the appid is not valid',
  40125: 'the app secret is not valid',
};

/** `jscode2session`: trades a `wx.login` code for the user's openid and session key. */
export class WeChatLoginClient implements WeChatLogin {
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(private readonly config: WeChatLoginClientConfig, options: WeChatLoginClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async codeToSession(code: string): Promise<WeChatSession> {
    const query = new URLSearchParams({
      appid: this.config.appId,
      secret: this.config.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    const answer = await this.get(`${this.config.apiBase}/sns/jscode2session?${query.toString()}`);
    // WeChat sends errcode as a number, 0 or absent on success; anything unreadable counts as busy.
    const errcode = answer.errcode === undefined ? 0 : Number.isInteger(Number(answer.errcode)) ? Number(answer.errcode) : -1;
    if (errcode !== 0) {
      const known = KNOWN_ERRORS[errcode] ?? 'WeChat refused the login';
      throw new WeChatLoginError(errcode, `${known} (errcode ${errcode}: ${String(answer.errmsg ?? '')})`);
    }
    if (typeof answer.openid !== 'string' || answer.openid === '' || typeof answer.session_key !== 'string') {
      throw new WeChatLoginError(-1, 'jscode2session answered without openid or session_key');
    }
    return {
      openid: answer.openid,
      sessionKey: answer.session_key,
      ...(typeof answer.unionid === 'string' && answer.unionid !== '' ? { unionid: answer.unionid } : {}),
    };
  }

  private async get(url: string): Promise<Record<string, unknown>> {
    let text: string;
    try {
      const response = await this.fetch(url, { signal: AbortSignal.timeout(this.timeoutMs), redirect: 'error' });
      text = await readTextLimited(response, 16 * 1024);
      if (!response.ok) throw new WeChatLoginError(-1, `jscode2session answered HTTP ${response.status}`);
    } catch (error) {
      if (error instanceof WeChatLoginError) throw error;
      // The secret is in the URL: report the failure, never the address.
      throw new WeChatLoginError(-1, `WeChat login is unreachable: ${(error as Error).name}`);
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // fall through
    }
    throw new WeChatLoginError(-1, 'jscode2session answered something that is not JSON');
  }
}
