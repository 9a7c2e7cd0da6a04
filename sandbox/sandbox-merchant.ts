import type { SignType } from '../src/adapters/wechat/sign.js';

/** The one merchant and mini-program the sandbox knows. */
export interface SandboxMerchant {
  readonly appId: string;
  readonly appSecret: string;
  readonly mchId: string;
  readonly payKey: string;
}

export type { SignType };

/** A control-API refusal: HTTP status, stable code, human message. */
export class SandboxControlError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'SandboxControlError';
  }
}
