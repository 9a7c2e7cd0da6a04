import { WeChatLoginError, type WeChatLogin, type WeChatSession } from '../../application/index.js';

/** jscode2session in memory: every code names its own user (`openid-<code>`); `invalid-*` codes fail as WeChat does. */
export class FakeWeChatLogin implements WeChatLogin {
  async codeToSession(code: string): Promise<WeChatSession> {
    if (code.startsWith('invalid')) throw new WeChatLoginError(40029, 'invalid code');
    return { openid: `openid-${code}`, sessionKey: `session-${code}` };
  }
}
