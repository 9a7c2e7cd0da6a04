import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Container } from 'inversify';
import type { Logger } from 'pino';
import type { HttpAppOptions } from '../adapters/http/http-app.js';
import type { HttpDeps } from '../adapters/http/http.deps.js';
import { CatalogReader, TokenStore, type UseCases } from '../application/index.js';
import type { AppConfig } from '../config.js';
import type { ProductionResources } from './production.resources.js';
import { readinessChecks } from './readiness.js';
import { resolveUseCases } from './use-case.module.js';
import type { WeChatPay } from './wechat-pay.js';

/** What the HTTP app needs, from a container whose modules are loaded (its use cases resolved unless given). */
export function httpDeps(
  container: Container,
  rest: Pick<HttpDeps, 'notifications' | 'refundNotifications' | 'readiness' | 'logger'>,
  useCases: UseCases = resolveUseCases(container),
): HttpDeps {
  return { useCases, catalog: container.get<CatalogReader>(CatalogReader), tokens: container.get<TokenStore>(TokenStore), ...rest };
}

/** The HTTP app's dependencies on production adapters: WeChat Pay's notification formats and the readiness checks. */
export function productionHttpDeps(
  container: Container,
  useCases: UseCases,
  pay: Pick<WeChatPay, 'paymentNotifications' | 'refundNotifications'>,
  resources: ProductionResources,
  logger: Logger,
): HttpDeps {
  return httpDeps(
    container,
    {
      notifications: pay.paymentNotifications,
      refundNotifications: pay.refundNotifications,
      readiness: readinessChecks(resources),
      logger,
    },
    useCases,
  );
}

/** How the HTTP app runs; images are prefixed with the shop's own `/images` on `shopUrl` unless IMAGE_BASE_URL says otherwise. */
export function httpAppOptions(config: AppConfig, shopUrl: string): HttpAppOptions {
  return {
    trustProxy: config.trustProxy,
    corsOrigins: config.corsOrigins,
    images: { baseUrl: config.imageBaseUrl ?? `${shopUrl}/images`, dir: config.imagesDir },
    pages: PAGES,
  };
}

/** The console's and the docs page's files (`web/` at the top of the repository, from `src/` as from `dist/`), and Swagger UI's package. */
export const PAGES = {
  consoleDir: fileURLToPath(new URL('../../web/console', import.meta.url)),
  docsDir: fileURLToPath(new URL('../../web/docs', import.meta.url)),
  swaggerUiDir: dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json')),
};
