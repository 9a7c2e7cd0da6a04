import { inject, injectable } from 'inversify';
import { TokenStore } from '../ports/token.store.js';

export interface VerifyTokenCommand {
  readonly token: string;
}

@injectable()
export class VerifyToken {
  constructor(@inject(TokenStore) private readonly tokens: TokenStore) {}

  async execute(command: VerifyTokenCommand): Promise<{ isValid: boolean }> {
    if (command.token === '') return { isValid: false };
    return { isValid: (await this.tokens.verify(command.token)) !== null };
  }
}
