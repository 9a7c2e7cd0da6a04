import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { requireScope } from '../auth.middleware.js';
import { jsonBody } from '../body.js';
import { validBody } from '../validation.js';
import type { Params, Route, RouteDeps } from './route.js';

/**
 * Registers each route of the table on its router, in the order of the table (a literal path
 * before a parameter one: `/order/paginate` before `/order/:id`): the scope check, then the JSON
 * body (415, 413, malformed), then the parameters and the body's schema (400), then the handler.
 */
export function registerRoutes(routers: { readonly api: Router; readonly root: Router }, routes: readonly Route[], deps: RouteDeps): void {
  for (const route of routes) {
    const before: Middleware[] = [];
    if (route.scope) before.push(requireScope(deps.tokens, route.scope));
    if (route.body?.kind === 'json') before.push(jsonBody());
    const router = route.root ? routers.root : routers.api;
    router[route.method](route.path, ...before, async (ctx: Context) => {
      const params = parseParams(route.params ?? {}, ctx);
      const body = route.body?.kind === 'json' ? validBody(route.body.validate, ctx.request.body) : undefined;
      await route.handle(ctx, { body, params }, deps);
    });
  }
}

function parseParams(params: Params, ctx: Context): Record<string, unknown> {
  const parsed: Record<string, unknown> = {};
  for (const [name, param] of Object.entries(params)) {
    const raw = param.in === 'path' ? (ctx.params as Record<string, string | undefined>)[name] : ctx.query[name];
    parsed[name] = param.parse(raw, name);
  }
  return parsed;
}
