export interface WeChatSession {
  readonly openid: string;
  readonly sessionKey: string;
  readonly unionid?: string;
}

/** Mini-program login (jscode2session): a wx.login code to the user's openid. */
export class WeChatLoginError extends Error {
  constructor(readonly errcode: number, message: string) {
    super(message);
    this.name = 'WeChatLoginError';
  }
}

export const WeChatLogin = Symbol('WeChatLogin');
export interface WeChatLogin {
  codeToSession(code: string): Promise<WeChatSession>;
}
