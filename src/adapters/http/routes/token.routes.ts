import type Router from '@koa/router';
import type { HttpDeps } from '../http.deps.js';
import { jsonBody } from '../body.js';
import { validAppTokenBody, validUserTokenBody, validVerifyTokenBody } from '../schemas/token.schemas.js';

export function tokenRoutes(router: Router, { useCases }: HttpDeps): void {
  router.post('/token/user', jsonBody(), async (ctx) => {
    ctx.body = await useCases.loginWithWeChat.execute(validUserTokenBody(ctx.request.body));
  });
  router.post('/token/app', jsonBody(), async (ctx) => {
    const { ac, se } = validAppTokenBody(ctx.request.body);
    ctx.body = await useCases.issueAppToken.execute({ ac, se });
  });
  router.post('/token/verify', jsonBody(), async (ctx) => {
    ctx.body = await useCases.verifyToken.execute(validVerifyTokenBody(ctx.request.body));
  });
}
