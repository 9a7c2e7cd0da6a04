import type Router from '@koa/router';
import type { HttpDeps } from '../http.deps.js';

const PING_TIMEOUT_MS = 2000;

/** Liveness (the process answers) and readiness (the database and token store answer too). */
export function healthRoutes(router: Router, { readiness, logger }: HttpDeps): void {
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });

  router.get('/readyz', async (ctx) => {
    const results = await Promise.all(
      readiness.map(async (check) => {
        try {
          await withTimeout(check.ping(), PING_TIMEOUT_MS);
          return [check.name, 'ok'] as const;
        } catch (error) {
          logger.warn({ check: check.name, reason: error instanceof Error ? error.message : String(error) }, 'not ready');
          return [check.name, 'unavailable'] as const;
        }
      }),
    );
    const ready = results.every(([, state]) => state === 'ok');
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'unavailable', checks: Object.fromEntries(results) };
  });
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
