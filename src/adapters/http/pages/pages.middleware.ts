import type { Context, Middleware, Next } from 'koa';
import { edgeError } from '../http.error.js';
import { type FileTable, fileTable, sendFile } from './static-files.js';

export interface PagesOptions {
  /** The operator's console (plain HTML, CSS and ES modules), served at `/cms`; null: none. */
  readonly consoleDir: string | null;
  /** The API docs page, served at `/docs`; null: none. */
  readonly docsDir: string | null;
  /** swagger-ui-dist's folder: the renderer the docs page loads, from the installed package. */
  readonly swaggerUiDir: string | null;
  /** Where the shop's images are named (IMAGE_BASE_URL): the console may show them. */
  readonly imageBaseUrl: string;
}

const SWAGGER_UI_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css'];

/**
 * No inline script or style, no eval, nothing from elsewhere but the shop's images: markup that
 * slips into a page cannot run. Both pages work under it (Swagger UI styles through the CSSOM).
 */
function contentSecurityPolicy(imageOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data:${imageOrigin ? ` ${imageOrigin}` : ''}`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * `/cms` (the console), `/docs` (the API described by `/openapi.json`, rendered by Swagger UI) and
 * `/openapi.json` itself. Only the files of each table are served; anything else under the two
 * prefixes is a 404.
 */
export function servePages(options: PagesOptions, openApiDocument: () => unknown): Middleware {
  const consoleFiles = options.consoleDir ? fileTable(options.consoleDir) : new Map<string, string>();
  const swaggerUi = options.swaggerUiDir ? fileTable(options.swaggerUiDir, { depth: 1, only: SWAGGER_UI_FILES }) : new Map<string, string>();
  const docsFiles = new Map([
    ...(options.docsDir ? fileTable(options.docsDir) : []),
    ...[...swaggerUi].map(([name, file]) => [`swagger-ui/${name}`, file] as const),
  ]);
  const origin = new URL(options.imageBaseUrl).origin;
  const pages: readonly [string, FileTable, string][] = [
    ['/cms', consoleFiles, contentSecurityPolicy(origin)],
    ['/docs', docsFiles, contentSecurityPolicy('')],
  ];
  let documentJson: string | null = null;

  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === '/openapi.json') {
      documentJson ??= JSON.stringify(openApiDocument(), null, 2);
      ctx.type = 'application/json; charset=utf-8';
      ctx.set('Cache-Control', 'no-cache');
      ctx.body = documentJson;
      return;
    }
    const page = pages.find(([prefix]) => ctx.path === prefix || ctx.path.startsWith(`${prefix}/`));
    if (!page) return next();
    const [prefix, files, policy] = page;
    const name = ctx.path.slice(prefix.length + 1) || 'index.html';
    const file = files.get(name);
    if (!file) throw edgeError('ROUTE.NOT_FOUND', `no such page ${ctx.path}`);
    ctx.set('Content-Security-Policy', policy);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
    await sendFile(ctx, file);
  };
}
