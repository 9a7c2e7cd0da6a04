/** How long issued tokens live, bound by the composition root from configuration. */
export interface TokenConfig {
  readonly ttlSeconds: number;
}

export const TokenConfig = Symbol('TokenConfig');
