import { EDGE_ERRORS, type EdgeErrorKey } from './edge-errors.js';

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

/** An HttpError with the status and error_code of its entry in the edge's table. */
export function edgeError(key: EdgeErrorKey, message: string, headers: Record<string, string> = {}): HttpError {
  const { status, errorCode } = EDGE_ERRORS[key];
  return new HttpError(status, errorCode, message, headers);
}

export const invalidParameter = (message: string) => edgeError('REQUEST.INVALID_PARAMETER', message);
export const tokenInvalid = () => edgeError('TOKEN.INVALID', 'Token已过期或无效Token: send a valid token in the `token` header');
export const scopeForbidden = () => edgeError('TOKEN.SCOPE_FORBIDDEN', '权限不够: this token\'s scope may not use this route');
export const routeNotFound = (path: string) => edgeError('ROUTE.NOT_FOUND', `no API route ${path}`);
