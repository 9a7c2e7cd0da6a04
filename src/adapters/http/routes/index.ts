import type { Route } from '../routing/route.js';
import { addressRoutes } from './address.routes.js';
import { catalogRoutes } from './catalog.routes.js';
import { cmsRoutes } from './cms.routes.js';
import { deliveryRoutes } from './delivery.routes.js';
import { healthRoutes } from './health.routes.js';
import { orderRoutes } from './order.routes.js';
import { payRoutes } from './pay.routes.js';
import { tokenRoutes } from './token.routes.js';

/**
 * The route table: everything the shop's routers answer, in registration order. The router and
 * `/openapi.json` are both built from it. The CMS's literal paths (`/order/paginate`,
 * `/order/cms/:id`) come before the shopper's `/order/:id`.
 */
export const ROUTES: readonly Route[] = [
  ...healthRoutes,
  ...tokenRoutes,
  ...catalogRoutes,
  ...addressRoutes,
  ...cmsRoutes,
  ...orderRoutes,
  ...payRoutes,
  ...deliveryRoutes,
];
