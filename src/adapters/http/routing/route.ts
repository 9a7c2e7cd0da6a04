import type { ValidateFunction } from 'ajv';
import type { Context } from 'koa';
import type { Scope } from '../../../application/index.js';
import type { ErrorKey } from '../error-catalogue.js';
import type { HttpDeps } from '../http.deps.js';
import type { ImageUrls } from '../presenters/image-url.js';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as a plain object. */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface RouteDeps extends HttpDeps {
  readonly images: ImageUrls;
}

/** A path or query parameter: the schema the document shows, and the parser that enforces it. */
export interface Param<T> {
  readonly in: 'path' | 'query';
  readonly description: string;
  readonly required: boolean;
  readonly schema: JsonSchema;
  /** `form` without explode: a list as `ids=1,2,3`. */
  readonly commaSeparated?: boolean;
  readonly example: string;
  /** The value, or a 400 (10000) naming the parameter. */
  readonly parse: (raw: unknown, name: string) => T;
}

export type Params = Readonly<Record<string, Param<unknown>>>;
export type ParsedParams<P extends Params> = { [K in keyof P]: P[K] extends Param<infer T> ? T : never };

/** A JSON body: validated by the ajv function the document takes its schema from. */
export interface JsonBody<B> {
  readonly kind: 'json';
  readonly validate: ValidateFunction<B>;
  readonly example: B;
}

/** WeChat's signed notifications (v2 XML, v3 JSON), read as raw bytes and checked by the route itself. */
export interface NotificationBody {
  readonly kind: 'notification';
  readonly description: string;
  /** Each format WeChat may send, by content type. */
  readonly content: Readonly<Record<string, { readonly schema: JsonSchema; readonly example: unknown }>>;
}

/**
 * One answer a route gives when it does its job (errors are listed by key, see `errors`). Several
 * answers may share a status with different content types; one without a schema has no body.
 */
export interface Answer {
  readonly status: number | '4XX' | '5XX';
  readonly description: string;
  readonly schema?: JsonSchema;
  readonly example?: unknown;
  readonly type?: 'application/json' | 'application/xml' | 'text/plain';
}

export interface RouteInput<B, P extends Params> {
  readonly body: B;
  readonly params: ParsedParams<P>;
}

/**
 * One entry of the route table: what the router registers (scope check, JSON body, validation,
 * handler) and what `/openapi.json` documents, from the same object.
 */
export interface Route<B = unknown, P extends Params = Params> {
  readonly operationId: string;
  readonly method: 'get' | 'post' | 'put';
  /** Koa's syntax (`/order/:id`), under `/api/:version` unless `root`. */
  readonly path: string;
  readonly root?: boolean;
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  /** The token scope the route requires; none: anyone may call it. */
  readonly scope?: Scope;
  readonly params?: P;
  readonly body?: JsonBody<B> | NotificationBody;
  readonly answers: readonly Answer[];
  /**
   * The failures of this route's own work. Those of its shape are added by the table: a bad
   * parameter or body, a missing or wrong token, an unavailable database, an internal error.
   */
  readonly errors?: readonly ErrorKey[];
  readonly handle: (ctx: Context, input: RouteInput<B, P>, deps: RouteDeps) => unknown;
}

/** Declares a route with its body and parameter types inferred, then erases them for the table. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no parameters is the common case
export function route<B = undefined, P extends Params = {}>(spec: Route<B, P>): Route {
  return spec as unknown as Route;
}

export const jsonBody = <B>(validate: ValidateFunction<B>, example: B): JsonBody<B> => ({ kind: 'json', validate, example });
