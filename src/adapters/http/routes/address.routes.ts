import type Router from '@koa/router';
import type { HttpDeps } from '../http.deps.js';
import { identityOf, requireScope } from '../auth.middleware.js';
import { jsonBody } from '../body.js';
import { validAddressBody } from '../schemas/address.schema.js';

export function addressRoutes(router: Router, { useCases, tokens }: HttpDeps): void {
  // zerg let super tokens in here too, but a super token's uid is a third app's id: it would read
  // and overwrite the address of the user who happens to have that id. Users only.
  const userOnly = requireScope(tokens, 'user');

  router.get('/address', userOnly, async (ctx) => {
    const address = await useCases.getAddress.execute({ uid: identityOf(ctx).uid });
    const { name, mobile, province, city, country, detail } = address;
    ctx.body = { name, mobile, province, city, country, detail };
  });

  router.post('/address', userOnly, jsonBody(), async (ctx) => {
    const { name, mobile, province, city, country, detail } = validAddressBody(ctx.request.body);
    await useCases.saveAddress.execute({ uid: identityOf(ctx).uid, address: { name, mobile, province, city, country, detail } });
    ctx.status = 201;
    ctx.body = { code: 201, msg: 'ok', errorCode: 0 };
  });
}
