import { DomainError } from '../../domain/index.js';

export class InvalidAppCredentials extends DomainError {
  readonly code = 'TOKEN.INVALID_APP_CREDENTIALS';
  constructor() {
    super('授权失败: app id or secret is wrong');
  }
}

export class TooManyFailedAttempts extends DomainError {
  readonly code = 'TOKEN.TOO_MANY_FAILED_ATTEMPTS';
  constructor(readonly retryAfterSeconds: number) {
    super(`too many failed attempts for this app id; retry in ${retryAfterSeconds} seconds`);
  }
}
