export type Scope = 'user' | 'super';

export interface Identity {
  readonly uid: number;
  readonly scope: Scope;
  readonly openid: string;
}

export const TokenStore = Symbol('TokenStore');
export interface TokenStore {
  /** Issues a fresh unguessable token for the identity, valid for `ttlSeconds`. */
  issue(identity: Identity, ttlSeconds: number): Promise<string>;
  /** The identity behind a token, or null when it is unknown or expired. */
  verify(token: string): Promise<Identity | null>;
  revoke(token: string): Promise<void>;
}
