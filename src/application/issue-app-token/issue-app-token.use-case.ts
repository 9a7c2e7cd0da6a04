import { inject, injectable } from 'inversify';
import { FailedAttemptCounter } from '../ports/failed-attempt.counter.js';
import { SecretVerifier } from '../ports/secret.verifier.js';
import { ThirdAppRepository } from '../ports/third-app.repository.js';
import { TokenConfig } from '../ports/token.config.js';
import { TokenStore } from '../ports/token.store.js';
import { InvalidAppCredentials, TooManyFailedAttempts } from './issue-app-token.errors.js';

export interface IssueAppTokenCommand {
  /** The app id (zerg's `ac`). */
  readonly ac: string;
  /** The app secret (zerg's `se`). */
  readonly se: string;
}

/** Failures allowed per app id inside one window before the app id is locked for the rest of it. */
export const MAX_FAILED_APP_LOGINS = 5;
export const FAILED_APP_LOGIN_WINDOW_SECONDS = 15 * 60;

/** A CMS or admin app trades its credentials for a token of its scope (super). */
@injectable()
export class IssueAppToken {
  constructor(
    @inject(ThirdAppRepository) private readonly apps: ThirdAppRepository,
    @inject(SecretVerifier) private readonly secrets: SecretVerifier,
    @inject(FailedAttemptCounter) private readonly failures: FailedAttemptCounter,
    @inject(TokenStore) private readonly tokens: TokenStore,
    @inject(TokenConfig) private readonly config: TokenConfig,
  ) {}

  async execute(command: IssueAppTokenCommand): Promise<{ token: string }> {
    const key = `app-login:${command.ac}`;
    // Each try is counted before the secret is checked, so a burst of parallel guesses gets no
    // more checks than the limit; a right secret clears the count.
    if ((await this.failures.increment(key, FAILED_APP_LOGIN_WINDOW_SECONDS)) > MAX_FAILED_APP_LOGINS) {
      // The lock lasts as long as the window the first failure opened: say how much of it is left.
      throw new TooManyFailedAttempts(Math.max(1, await this.failures.secondsLeft(key)));
    }
    const app = await this.apps.findByAppId(command.ac);
    const valid = await this.secrets.verify(command.se, app?.secretHash ?? null);
    // Only super apps: an app's id shares its numbers with users' ids, so a user-scoped app token would act as that user.
    if (!app || !valid || app.scope !== 'super') throw new InvalidAppCredentials();
    await this.failures.reset(key);
    const token = await this.tokens.issue({ uid: app.id, scope: app.scope, openid: '' }, this.config.ttlSeconds);
    return { token };
  }
}
