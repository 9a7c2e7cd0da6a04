import { inject, injectable } from 'inversify';
import { TokenConfig } from '../ports/token.config.js';
import { TokenStore } from '../ports/token.store.js';
import { UserRepository } from '../ports/user.repository.js';
import { WeChatLogin } from '../ports/wechat-login.js';

export interface LoginWithWeChatCommand {
  /** The code `wx.login` gave the mini-program. */
  readonly code: string;
}

/** wx.login code → openid (jscode2session) → the user, created on first login → a user token. */
@injectable()
export class LoginWithWeChat {
  constructor(
    @inject(WeChatLogin) private readonly wechat: WeChatLogin,
    @inject(UserRepository) private readonly users: UserRepository,
    @inject(TokenStore) private readonly tokens: TokenStore,
    @inject(TokenConfig) private readonly config: TokenConfig,
  ) {}

  async execute(command: LoginWithWeChatCommand): Promise<{ token: string }> {
    const session = await this.wechat.codeToSession(command.code);
    const user = await this.users.findOrCreateByOpenid(session.openid);
    const token = await this.tokens.issue({ uid: user.id, scope: 'user', openid: user.openid }, this.config.ttlSeconds);
    return { token };
  }
}
