import Router from '@koa/router';
import Koa from 'koa';
import { type CorsOrigins, cors } from './cors.middleware.js';
import { errorBody } from './error.middleware.js';
import type { HttpDeps } from './http.deps.js';
import { edgeError, routeNotFound } from './http.error.js';
import { serveImages } from './images.middleware.js';
import { openApiDocument } from './openapi/openapi-document.js';
import { type PagesOptions, servePages } from './pages/pages.middleware.js';
import { imageUrls } from './presenters/image-url.js';
import { requestContext } from './request-context.middleware.js';
import { ROUTES } from './routes/index.js';
import { registerRoutes } from './routing/register.js';

/** The API versions served; zerg routed `/api/:version/...` and its clients call v1. */
const VERSIONS = new Set(['v1']);

export interface HttpAppOptions {
  /** Trust X-Forwarded-For from a load balancer in front (Koa's `app.proxy`). */
  readonly trustProxy?: boolean;
  /** Origins a browser CMS may call from; `*` (zerg's answer) by default. */
  readonly corsOrigins?: CorsOrigins;
  /**
   * Where images go out and come from: `baseUrl` prefixes every `from = 1` image the API names
   * (e.g. `https://cdn.example.com/images`); `dir` is served at `GET /images/…`.
   */
  readonly images: { readonly baseUrl: string; readonly dir: string };
  /** The console at `/cms` and the API docs at `/docs`; without them only `/openapi.json` is served. */
  readonly pages?: Omit<PagesOptions, 'imageBaseUrl'>;
}

/** The routers of the route table: the zerg-compatible REST surface under `/api/:version`, and the health checks. */
export function createRouters(deps: HttpDeps, imageBaseUrl: string): { api: Router; root: Router } {
  const api = new Router({ prefix: '/api/:version' });
  api.param('version', async (version, ctx, next) => {
    if (!VERSIONS.has(version)) throw routeNotFound(ctx.path);
    await next();
  });
  const root = new Router();
  registerRoutes({ api, root }, ROUTES, { ...deps, images: imageUrls(imageBaseUrl) });
  return { api, root };
}

/** The REST surface, health checks, the shop's own images, the console and the API's description. */
export function createHttpApp(deps: HttpDeps, options: HttpAppOptions): Koa {
  const app = new Koa({ proxy: options.trustProxy ?? false });
  // Errors are answered and logged by errorBody; Koa's default handler would print them again.
  app.silent = true;
  const { api, root } = createRouters(deps, options.images.baseUrl);
  const pages = options.pages ?? { consoleDir: null, docsDir: null, swaggerUiDir: null };

  app.use(requestContext(deps.logger));
  app.use(errorBody());
  app.use(cors(options.corsOrigins ?? '*'));
  app.use(async (ctx, next) => {
    await next();
    // What no route answered: zerg's error body instead of Koa's plain text.
    if (ctx.status === 405) throw edgeError('ROUTE.METHOD_NOT_ALLOWED', `${ctx.method} is not allowed on ${ctx.path}`);
    if (ctx.status === 404 && ctx.body == null) throw routeNotFound(ctx.path);
  });
  app.use(serveImages(options.images.dir));
  app.use(servePages({ ...pages, imageBaseUrl: options.images.baseUrl }, () => openApiDocument(ROUTES)));
  app.use(root.routes());
  app.use(api.routes());
  app.use(api.allowedMethods({ throw: false }));
  return app;
}
