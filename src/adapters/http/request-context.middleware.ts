import { randomUUID } from 'node:crypto';
import type { Context, Middleware, Next } from 'koa';
import type { Logger } from 'pino';

interface RequestState {
  requestId: string;
  log: Logger;
}

const REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * Gives each request an id (a sane incoming `x-request-id`, or a new one) and a child logger,
 * then logs one line: method, route, status, duration. Never headers or bodies: they carry
 * tokens, secrets and signatures.
 */
export function requestContext(logger: Logger): Middleware {
  return async (ctx: Context, next: Next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const state = ctx.state as RequestState;
    state.requestId = requestId;
    state.log = logger.child({ reqId: requestId });
    ctx.set('x-request-id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const durationMs = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
      const route = (ctx as Context & { _matchedRoute?: string | RegExp })._matchedRoute;
      state.log.info(
        { method: ctx.method, route: route ? String(route) : ctx.path, status: ctx.status, durationMs },
        'request',
      );
    }
  };
}

export function loggerOf(ctx: Context): Logger {
  return (ctx.state as RequestState).log;
}

export function requestIdOf(ctx: Context): string {
  return (ctx.state as RequestState).requestId;
}
