import type { Scope } from './token.store.js';

/** A CMS or admin application allowed to take a token with app credentials. */
export interface ThirdApp {
  readonly id: number;
  readonly appId: string;
  /** A salted, slow hash of the secret (scrypt); the secret itself is never stored. */
  readonly secretHash: string;
  readonly scope: Scope;
}

export const ThirdAppRepository = Symbol('ThirdAppRepository');
export interface ThirdAppRepository {
  findByAppId(appId: string): Promise<ThirdApp | null>;
}
