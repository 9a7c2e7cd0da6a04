/**
 * A setting that cannot be used: start-up stops and says so. The message begins with the
 * variable (or the variables, comma-separated) and says what it must be.
 */
export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable} ${message}`);
    this.name = 'ConfigError';
  }
}
