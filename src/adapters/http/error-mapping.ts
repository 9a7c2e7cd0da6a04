import { PaymentGatewayError, TooManyFailedAttempts, WeChatApiError, WeChatLoginError } from '../../application/index.js';
import { DomainError } from '../../domain/index.js';
import { HttpError } from './http.error.js';

export interface ErrorAnswer {
  readonly status: number;
  readonly errorCode: number;
  readonly message: string;
  readonly headers?: Record<string, string>;
  /** Unexpected: logged with its stack, answered without internals. */
  readonly unexpected?: boolean;
}

/**
 * The one table of expected failures: a domain error's stable code → the HTTP status and the zerg
 * `error_code` it answers. A code missing here is a bug, answered 500 and logged.
 */
export const DOMAIN_ERROR_ANSWERS: Readonly<Record<string, { readonly status: number; readonly errorCode: number }>> = {
  // Bad parameters that got past the schema.
  'MONEY.INVALID': { status: 400, errorCode: 10000 },
  'ORDER.INVALID_LINE': { status: 400, errorCode: 10000 },
  'SHIPMENT.INVALID': { status: 400, errorCode: 10000 },
  'SHIPMENT.UNKNOWN_CARRIER': { status: 400, errorCode: 10000 },
  'TOKEN.INVALID_APP_CREDENTIALS': { status: 401, errorCode: 10004 },
  'ORDER.NOT_OWNER': { status: 403, errorCode: 10003 },
  'TOKEN.TOO_MANY_FAILED_ATTEMPTS': { status: 429, errorCode: 10005 },
  'ADDRESS.MISSING': { status: 404, errorCode: 60001 },
  'PRODUCT.NOT_FOUND': { status: 404, errorCode: 80000 },
  'ORDER.NOT_FOUND': { status: 404, errorCode: 80000 },
  // The order's state forbids it.
  'ORDER.NOT_DELIVERABLE': { status: 409, errorCode: 80002 },
  'ORDER.NOT_PAYABLE': { status: 409, errorCode: 80003 },
  'ORDER.CLOSED': { status: 409, errorCode: 80004 },
  'REFUND.NOT_ALLOWED': { status: 409, errorCode: 80006 },
  'ORDER.FULLY_REFUNDED': { status: 409, errorCode: 80007 },
  'SHIPMENT.RESHIPMENT_USED': { status: 409, errorCode: 80008 },
};

const INTERNAL: ErrorAnswer = { status: 500, errorCode: 999, message: 'internal error; it has been logged', unexpected: true };

/** wx.login codes WeChat refuses (invalid, used, blocked): the client's fault, not ours. */
const REFUSED_LOGIN_CODES = new Set([40029, 40163, 40226]);

export function errorAnswer(error: unknown): ErrorAnswer {
  if (error instanceof HttpError) {
    return { status: error.status, errorCode: error.errorCode, message: error.message, headers: error.headers };
  }
  if (error instanceof DomainError) return domainAnswer(error);
  if (error instanceof PaymentGatewayError) {
    return { status: 502, errorCode: 90001, message: `WeChat Pay could not prepare the payment (${error.reason}); the order is unchanged, try again` };
  }
  if (error instanceof WeChatLoginError) {
    return REFUSED_LOGIN_CODES.has(error.errcode)
      ? { status: 400, errorCode: 10008, message: `WeChat refused the login code (errcode ${error.errcode}); call wx.login again` }
      : { status: 502, errorCode: 90003, message: `WeChat login is unavailable (errcode ${error.errcode}); try again` };
  }
  if (error instanceof WeChatApiError) {
    return { status: 502, errorCode: 90004, message: `WeChat's mini-program API did not answer as needed (errcode ${error.errcode}); nothing was changed, try again` };
  }
  const bodyError = bodyParserAnswer(error);
  if (bodyError) return bodyError;
  if (isUnavailable(error)) {
    return { status: 503, errorCode: 90002, message: 'a backing service (database or token store) is unavailable; try again shortly', unexpected: true };
  }
  return INTERNAL;
}

function domainAnswer(error: DomainError): ErrorAnswer {
  const answer = DOMAIN_ERROR_ANSWERS[error.code];
  if (!answer) return INTERNAL;
  const headers = error instanceof TooManyFailedAttempts ? { headers: { 'Retry-After': String(error.retryAfterSeconds) } } : {};
  return { ...answer, message: error.message, ...headers };
}

/** koa-bodyparser's own errors: malformed JSON and bodies over the limit. */
function bodyParserAnswer(error: unknown): ErrorAnswer | null {
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  if (status === 413 || type === 'entity.too.large') {
    return { status: 413, errorCode: 10000, message: 'request body too large' };
  }
  if (status === 400 && (type === 'entity.parse.failed' || error instanceof SyntaxError)) {
    return { status: 400, errorCode: 10000, message: 'malformed JSON body' };
  }
  if (status === 415 || type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return { status: 415, errorCode: 10000, message: 'unsupported body encoding; send UTF-8 JSON' };
  }
  if (status === 400 && type === 'request.aborted') {
    return { status: 400, errorCode: 10000, message: 'request body aborted' };
  }
  return null;
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  // A row stayed locked past innodb_lock_wait_timeout: the database is too busy right now; retrying is safe.
  'ER_LOCK_WAIT_TIMEOUT',
  'SQLITE_BUSY',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
]);
const UNAVAILABLE_NAMES = new Set(['MaxRetriesPerRequestError', 'ServiceUnavailable', 'DatabaseUnavailable']);
const UNAVAILABLE_MESSAGES = [
  /Connection is closed/i,
  /driver has already been destroyed/i,
  /connect ECONNREFUSED/i,
  /Command timed out/i,
  /database connection is not open/i,
  /Pool is closed/i,
  // mysql2, on a connection the server killed or lost in mid-transaction (it carries no code).
  /Can't add new command when connection is in closed state/i,
];

/** A database, Redis or network failure: the request may succeed when retried. */
export function isUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (UNAVAILABLE_NAMES.has(cause.name) || UNAVAILABLE_NAMES.has(cause.constructor.name)) return true;
    if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(cause instanceof Error ? cause.message : ''))) return true;
  }
  return false;
}
