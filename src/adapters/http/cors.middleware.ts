import type { Context, Middleware, Next } from 'koa';

/** `*`, or the exact origins (scheme://host[:port]) a browser CMS may call from. */
export type CorsOrigins = '*' | readonly string[];

/**
 * CORS for a browser CMS on another origin, as zerg answered it: the `token` header travels, no
 * cookies do, so `*` grants nothing a script could not do with a stolen token anyway.
 */
export function cors(origins: CorsOrigins): Middleware {
  return async (ctx: Context, next: Next) => {
    const origin = ctx.get('origin');
    const allowed = origins === '*' ? '*' : origins.includes(origin) ? origin : null;
    if (origin && allowed) {
      ctx.set('Access-Control-Allow-Origin', allowed);
      if (allowed !== '*') ctx.vary('Origin');
      ctx.set('Access-Control-Expose-Headers', 'x-request-id');
    }
    if (ctx.method === 'OPTIONS' && ctx.get('access-control-request-method')) {
      if (origin && allowed) {
        ctx.set('Access-Control-Allow-Methods', 'GET, POST, PUT, OPTIONS');
        ctx.set('Access-Control-Allow-Headers', 'token, content-type, x-request-id');
        ctx.set('Access-Control-Max-Age', '600');
      }
      ctx.status = 204;
      return;
    }
    await next();
  };
}
