/** What the edge answers without the domain: each failure's HTTP status and zerg `error_code`, and when it happens. */
export interface ErrorEntry {
  readonly status: number;
  readonly errorCode: number;
  /** For people and the API document: when a client gets it. */
  readonly when: string;
  /** A message as the shop words it. */
  readonly example: string;
}

/**
 * The edge's own failures (HttpError) and those of the world outside the domain (WeChat, the
 * database). Domain errors have their table in error-mapping.ts; the API document joins both.
 */
export const EDGE_ERRORS = {
  'REQUEST.INVALID_PARAMETER': {
    status: 400,
    errorCode: 10000,
    when: 'a parameter or the body is wrong (the message names the field), or the JSON is malformed',
    example: 'id must be an integer from 1 to 2147483647, got "abc"',
  },
  'REQUEST.TOO_LARGE': { status: 413, errorCode: 10000, when: 'the body is over 256 KiB', example: 'request body too large' },
  'REQUEST.UNSUPPORTED_BODY': {
    status: 415,
    errorCode: 10000,
    when: 'the body is not UTF-8 `application/json`, or is compressed',
    example: 'Content-Type must be application/json',
  },
  'TOKEN.INVALID': {
    status: 401,
    errorCode: 10001,
    when: 'no `token` header, or an unknown or expired token',
    example: 'Token已过期或无效Token: send a valid token in the `token` header',
  },
  'TOKEN.SCOPE_FORBIDDEN': {
    status: 403,
    errorCode: 10002,
    when: 'the token’s scope may not use the route (a user token on CMS routes, a super token on a shopper’s)',
    example: "权限不够: this token's scope may not use this route",
  },
  'ROUTE.NOT_FOUND': { status: 404, errorCode: 10006, when: 'no such route, version or file', example: 'no API route /api/v2/banner/1' },
  'ROUTE.METHOD_NOT_ALLOWED': { status: 405, errorCode: 10006, when: 'the route does not take this method', example: 'DELETE is not allowed on /api/v1/order/1' },
  'CATALOG.PRODUCT_NOT_FOUND': { status: 404, errorCode: 20000, when: 'no such product, or it was deleted', example: '指定的商品不存在: product 99 not found' },
  'CATALOG.THEME_NOT_FOUND': { status: 404, errorCode: 30000, when: 'no such theme', example: '指定主题不存在: theme 99 not found' },
  'CATALOG.BANNER_NOT_FOUND': { status: 404, errorCode: 40000, when: 'no such banner', example: '请求的Banner不存在: banner 99 not found' },
  'WECHAT.LOGIN_REFUSED': {
    status: 400,
    errorCode: 10008,
    when: 'WeChat refused the `wx.login` code (invalid or used): call wx.login again',
    example: 'WeChat refused the login code (errcode 40029); call wx.login again',
  },
  'WECHAT.LOGIN_UNAVAILABLE': {
    status: 502,
    errorCode: 90003,
    when: 'WeChat login is unavailable',
    example: 'WeChat login is unavailable (errcode -1); try again',
  },
  'WECHAT.PAY_FAILED': {
    status: 502,
    errorCode: 90001,
    when: 'WeChat Pay failed or refused (timeout, SYSTEMERROR, …); the order is unchanged and can be paid later',
    example: 'WeChat Pay could not prepare the payment (SYSTEMERROR); the order is unchanged, try again',
  },
  'WECHAT.API_FAILED': {
    status: 502,
    errorCode: 90004,
    when: 'WeChat’s mini-program API (the carriers’ list, the shared access token) did not answer as needed; nothing was changed, try again',
    example: 'WeChat\'s mini-program API did not answer as needed (errcode -1); nothing was changed, try again',
  },
  'WECHAT.PUSH_REJECTED': {
    status: 401,
    errorCode: 10009,
    when: 'a message push that is not WeChat’s: bad or missing signature, stale or replayed, a plain push where only the safe mode is taken, an envelope that does not open',
    example: 'message push rejected (SIGNATURE): msg_signature does not match',
  },
  'SERVICE.UNAVAILABLE': {
    status: 503,
    errorCode: 90002,
    when: 'the database or Redis is unreachable, a cluster node is not ready or lost a write conflict, or the shop is still starting; `Retry-After` says when to try again',
    example: 'a backing service (database or token store) is unavailable; try again shortly',
  },
  INTERNAL: {
    status: 500,
    errorCode: 999,
    when: 'anything unexpected: the body says nothing more, the log has it under the request id (`x-request-id`)',
    example: 'internal error; it has been logged',
  },
} as const satisfies Record<string, ErrorEntry>;

export type EdgeErrorKey = keyof typeof EDGE_ERRORS;
