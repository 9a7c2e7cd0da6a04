import type Koa from 'koa';

/** Holds a stalled request open until its caller gives up (or the sandbox closes); it never gets an answer. */
export function untilClosed(ctx: Koa.Context): Promise<void> {
  ctx.respond = false;
  return new Promise((resolve) => {
    if (ctx.req.socket.destroyed) resolve();
    else ctx.req.socket.once('close', () => resolve());
  });
}

/** A query as single strings: the first of a repeated name. */
export function stringQuery(query: Koa.Context['query']): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(query)) result[name] = Array.isArray(value) ? value[0] : value;
  return result;
}
