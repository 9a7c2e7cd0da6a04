import type { Context, Middleware, Next } from 'koa';
import { errorAnswer } from './error-mapping.js';
import { loggerOf } from './request-context.middleware.js';

/** Every failure leaves as zerg's `{msg, error_code, request_url}` with the status of its kind. */
export function errorBody(): Middleware {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (error) {
      const answer = errorAnswer(error);
      if (answer.unexpected) {
        loggerOf(ctx).error({ err: error, errorCode: answer.errorCode }, 'request failed');
      }
      ctx.status = answer.status;
      for (const [name, value] of Object.entries(answer.headers ?? {})) ctx.set(name, value);
      ctx.body = { msg: answer.message, error_code: answer.errorCode, request_url: ctx.path };
    }
  };
}
