import { errorEntry, type ErrorKey } from '../error-catalogue.js';
import type { ErrorEntry } from '../edge-errors.js';
import { errorBody } from '../schemas/answer-schemas.js';
import type { Route } from '../routing/route.js';
import { API_DESCRIPTION, TAGS, errorTable } from './document-text.js';
import { documentSchema, typedExample } from './schema.js';

export const API_PREFIX = '/api/v1';

/** `/order/:id` under the API prefix → `/api/v1/order/{id}`. */
export function documentPath(route: Pick<Route, 'path' | 'root'>): string {
  return (route.root ? '' : API_PREFIX) + route.path.replace(/:(\w+)/g, '{$1}');
}

/**
 * The failures a route can answer: its own, then those of its shape — a parameter or JSON body
 * can be wrong (400, 413, 415), a token missing or of the wrong scope (401, 403), the database
 * away (503), anything unexpected (500). Notifications answer WeChat in XML and list their own.
 */
export function errorKeysOf(route: Route): ErrorKey[] {
  if (route.body?.kind === 'notification') return [];
  const keys: ErrorKey[] = [...(route.errors ?? [])];
  if (route.body?.kind === 'json' || Object.keys(route.params ?? {}).length > 0) keys.push('REQUEST.INVALID_PARAMETER');
  if (route.body?.kind === 'json') keys.push('REQUEST.TOO_LARGE', 'REQUEST.UNSUPPORTED_BODY');
  if (route.scope) keys.push('TOKEN.INVALID', 'TOKEN.SCOPE_FORBIDDEN');
  keys.push('SERVICE.UNAVAILABLE', 'INTERNAL');
  return [...new Set(keys)];
}

const ERROR_BODY_REF = { $ref: '#/components/schemas/ErrorBody' };

function errorResponse(route: Route, entries: readonly (readonly [ErrorKey, ErrorEntry])[]) {
  const codes = [...new Set(entries.map(([, entry]) => entry.errorCode))];
  return {
    description: entries.map(([, entry]) => `\`${entry.errorCode}\`: ${entry.when}`).join('; '),
    schema: { allOf: [ERROR_BODY_REF], properties: { error_code: { enum: codes } } },
    examples: Object.fromEntries(
      entries.map(([key, entry]) => [
        key,
        { summary: `${entry.errorCode} ${key}`, value: { msg: entry.example, error_code: entry.errorCode, request_url: documentPath(route) } },
      ]),
    ),
    headers: entries.some(([key]) => key === 'TOKEN.TOO_MANY_FAILED_ATTEMPTS')
      ? { 'Retry-After': { description: 'seconds until the app id may try again', schema: { type: 'integer', minimum: 1 } } }
      : entries.some(([key]) => key === 'SERVICE.UNAVAILABLE')
        ? { 'Retry-After': { description: 'seconds after which to try again, here or on another instance', schema: { type: 'integer', minimum: 1 } } }
        : undefined,
  };
}

/** Success answers and error bodies by status; where both share one (readyz's 503), either may come. */
function responses(route: Route): Record<string, unknown> {
  const result: Record<string, { description: string; content?: Record<string, unknown>; headers?: unknown }> = {};
  for (const answer of route.answers) {
    const key = String(answer.status);
    const content = answer.schema ? { [answer.type ?? 'application/json']: { schema: answer.schema, example: answer.example } } : undefined;
    const earlier = result[key];
    result[key] = earlier
      ? { description: [earlier.description, answer.description].filter(Boolean).join('; '), content: { ...earlier.content, ...content } }
      : { description: answer.description, ...(content ? { content } : {}) };
  }
  const byStatus = new Map<number, [ErrorKey, ErrorEntry][]>();
  for (const key of errorKeysOf(route)) {
    const entry = errorEntry(key);
    byStatus.set(entry.status, [...(byStatus.get(entry.status) ?? []), [key, entry]]);
  }
  for (const [status, entries] of [...byStatus].sort(([a], [b]) => a - b)) {
    const error = errorResponse(route, entries);
    const answer = route.answers.find((each) => each.status === status && each.schema);
    const schema = answer ? { oneOf: [answer.schema, error.schema] } : error.schema;
    const examples = answer ? { ...error.examples, answer: { summary: answer.description, value: answer.example } } : error.examples;
    result[String(status)] = {
      description: answer ? `${answer.description}; or an error: ${error.description}` : error.description,
      content: { 'application/json': { schema, examples } },
      ...(error.headers ? { headers: error.headers } : {}),
    };
  }
  return result;
}

function operation(route: Route) {
  const scope = route.scope ? `\n\nScope: \`${route.scope}\` (${route.scope === 'super' ? 'an operator app’s token from `POST /api/v1/token/app`' : 'a shopper’s token from `POST /api/v1/token/user`'}).` : '';
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    description: `${route.description ?? route.summary}${scope}`,
    ...(route.scope ? { security: [{ token: [] }], 'x-scope': route.scope } : {}),
    ...(route.params
      ? {
          parameters: Object.entries(route.params).map(([name, param]) => ({
            name,
            in: param.in,
            required: param.required,
            description: param.description,
            schema: param.schema,
            example: typedExample(param.schema, param.example),
            ...(param.commaSeparated ? { style: 'form', explode: false } : {}),
          })),
        }
      : {}),
    ...(route.body?.kind === 'json'
      ? { requestBody: { required: true, content: { 'application/json': { schema: documentSchema(route.body.validate.schema), example: route.body.example } } } }
      : {}),
    ...(route.body?.kind === 'notification' ? { requestBody: { required: true, description: route.body.description, content: route.body.content } } : {}),
    responses: responses(route),
  };
}

/** The OpenAPI 3.1 document of the route table: what `/openapi.json` serves. */
export function openApiDocument(routes: readonly Route[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[documentPath(route)] ??= {})[route.method] = operation(route);
  const used = new Set(routes.flatMap(errorKeysOf));
  return {
    openapi: '3.1.0',
    info: {
      title: 'weshop API',
      version: '1.0.0',
      summary: 'The zerg REST surface of a WeChat mini-program shop',
      description: `${API_DESCRIPTION}\n\n${errorTable([...used].map((key) => errorEntry(key)))}`,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'this shop' }],
    tags: TAGS.filter((tag) => routes.some((route) => route.tag === tag.name)),
    paths,
    components: {
      securitySchemes: {
        token: { type: 'apiKey', in: 'header', name: 'token', description: 'a token from `POST /api/v1/token/user` (scope user) or `POST /api/v1/token/app` (scope super)' },
      },
      schemas: { ErrorBody: errorBody },
    },
  };
}
