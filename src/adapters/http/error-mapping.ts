import { PaymentGatewayError, TooManyFailedAttempts, WeChatApiError, WeChatLoginError } from '../../application/index.js';
import { DomainError } from '../../domain/index.js';
import { EDGE_ERRORS, type EdgeErrorKey } from './edge-errors.js';
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
export const DOMAIN_ERROR_ANSWERS = {
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
} as const satisfies Readonly<Record<string, { readonly status: number; readonly errorCode: number }>>;

type Answers = Readonly<Record<string, { readonly status: number; readonly errorCode: number } | undefined>>;

/** The status and error_code of an edge error's row (edge-errors.ts), with this message. */
function edge(key: EdgeErrorKey, message: string, extra: Partial<ErrorAnswer> = {}): ErrorAnswer {
  const { status, errorCode } = EDGE_ERRORS[key];
  return { status, errorCode, message, ...extra };
}

const INTERNAL: ErrorAnswer = edge('INTERNAL', 'internal error; it has been logged', { unexpected: true });

/** wx.login codes WeChat refuses (invalid, used, blocked): the client's fault, not ours. */
const REFUSED_LOGIN_CODES = new Set([40029, 40163, 40226]);

export function errorAnswer(error: unknown): ErrorAnswer {
  if (error instanceof HttpError) {
    return { status: error.status, errorCode: error.errorCode, message: error.message, headers: error.headers };
  }
  if (error instanceof DomainError) return domainAnswer(error);
  if (error instanceof PaymentGatewayError) {
    return edge('WECHAT.PAY_FAILED', `WeChat Pay could not prepare the payment (${error.reason}); the order is unchanged, try again`);
  }
  if (error instanceof WeChatLoginError) {
    return REFUSED_LOGIN_CODES.has(error.errcode)
      ? edge('WECHAT.LOGIN_REFUSED', `WeChat refused the login code (errcode ${error.errcode}); call wx.login again`)
      : edge('WECHAT.LOGIN_UNAVAILABLE', `WeChat login is unavailable (errcode ${error.errcode}); try again`);
  }
  if (error instanceof WeChatApiError) {
    return edge('WECHAT.API_FAILED', `WeChat's mini-program API did not answer as needed (errcode ${error.errcode}); nothing was changed, try again`);
  }
  const bodyError = bodyParserAnswer(error);
  if (bodyError) return bodyError;
  if (isUnavailable(error)) {
    // Retry-After: a client (or the balancer in front) tries again, on this instance or another.
    return edge('SERVICE.UNAVAILABLE', 'a backing service (database or token store) is unavailable; try again shortly', {
      unexpected: true,
      headers: { 'Retry-After': '1' },
    });
  }
  return INTERNAL;
}

function domainAnswer(error: DomainError): ErrorAnswer {
  const answer = (DOMAIN_ERROR_ANSWERS as Answers)[error.code];
  if (!answer) return INTERNAL;
  const headers = error instanceof TooManyFailedAttempts ? { headers: { 'Retry-After': String(error.retryAfterSeconds) } } : {};
  return { ...answer, message: error.message, ...headers };
}

/** koa-bodyparser's own errors: malformed JSON and bodies over the limit. */
function bodyParserAnswer(error: unknown): ErrorAnswer | null {
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  if (status === 413 || type === 'entity.too.large') {
    return edge('REQUEST.TOO_LARGE', 'request body too large');
  }
  if (status === 400 && (type === 'entity.parse.failed' || error instanceof SyntaxError)) {
    return edge('REQUEST.INVALID_PARAMETER', 'malformed JSON body');
  }
  if (status === 415 || type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return edge('REQUEST.UNSUPPORTED_BODY', 'unsupported body encoding; send UTF-8 JSON');
  }
  if (status === 400 && type === 'request.aborted') {
    return edge('REQUEST.INVALID_PARAMETER', 'request body aborted');
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
  // A Galera node outside the primary component, or still joining: "WSREP has not yet prepared node
  // for application use" (1047). Another node answers; this one will once it has rejoined.
  'ER_UNKNOWN_COM_ERROR',
  // A Galera node cut off from the primary component while committing: "Error while appending
  // streaming replication fragment (… Not connected to Primary Component)" (1180). Its write set
  // never left the node, so nothing was committed; another node takes the retry.
  'ER_ERROR_DURING_COMMIT',
  // A statement outside a unit of work that lost Galera's certification at COMMIT, or a unit of work
  // that lost it on every try: rolled back whole, so trying again is safe.
  'ER_LOCK_DEADLOCK',
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
  /WSREP has not yet prepared node/i,
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
