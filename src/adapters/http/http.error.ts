/** An error the HTTP edge answers itself: its status and zerg `error_code` are final. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const invalidParameter = (message: string) => new HttpError(400, 10000, message);
export const tokenInvalid = () => new HttpError(401, 10001, 'Token已过期或无效Token: send a valid token in the `token` header');
export const scopeForbidden = () => new HttpError(403, 10002, '权限不够: this token\'s scope may not use this route');
export const routeNotFound = (path: string) => new HttpError(404, 10006, `no API route ${path}`);
