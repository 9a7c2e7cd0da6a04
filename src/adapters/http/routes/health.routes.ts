import { object } from '../schemas/answer-schemas.js';
import type { ReadinessDetail } from '../http.deps.js';
import { route } from '../routing/route.js';

const PING_TIMEOUT_MS = 2000;

const checkState = { type: 'string', enum: ['ok', 'unavailable'] };
const readiness = object(
  {
    status: { type: 'string', enum: ['ready', 'unavailable'] },
    checks: { type: 'object', additionalProperties: checkState, description: 'each backing service: database, and redis when used' },
    details: {
      type: 'object',
      description: 'facts beside the checks, which never make the shop unready: `wechat_trade_managed` (`is_trade_managed`: true, false, or `unknown`)',
      additionalProperties: { type: ['boolean', 'string'] },
    },
  },
  ['details'],
);

/** Liveness (the process answers) and readiness (the database and token store answer too). */
export const healthRoutes = [
  route({
    operationId: 'liveness',
    method: 'get',
    path: '/healthz',
    root: true,
    tag: 'health',
    summary: 'The process answers',
    answers: [{ status: 200, description: 'alive', schema: object({ status: { const: 'ok' } }), example: { status: 'ok' } }],
    handle: (ctx) => {
      ctx.body = { status: 'ok' };
    },
  }),
  route({
    operationId: 'readiness',
    method: 'get',
    path: '/readyz',
    root: true,
    tag: 'health',
    summary: 'The database (and Redis) answer: point a load balancer’s health check here',
    answers: [
      {
        status: 200,
        description: 'every backing service answers',
        schema: readiness,
        example: { status: 'ready', checks: { database: 'ok', redis: 'ok' }, details: { wechat_trade_managed: true } },
      },
      { status: 503, description: 'one does not; it is named', schema: readiness, example: { status: 'unavailable', checks: { database: 'ok', redis: 'unavailable' } } },
    ],
    handle: async (ctx, _input, { readiness: checks, readinessDetails = [], logger }) => {
      const results = await Promise.all(
        checks.map(async (check) => {
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
      const details = await readDetails(readinessDetails);
      ctx.body = { status: ready ? 'ready' : 'unavailable', checks: Object.fromEntries(results), ...(details ? { details } : {}) };
    },
  }),
];

/** Facts beside the checks: `unknown` when one cannot be read in time. */
async function readDetails(details: readonly ReadinessDetail[]): Promise<Record<string, unknown> | null> {
  if (details.length === 0) return null;
  const values = await Promise.all(details.map(async (detail) => [detail.name, await withTimeout(detail.read(), PING_TIMEOUT_MS).catch(() => 'unknown')] as const));
  return Object.fromEntries(values);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
