import { identityOf } from '../auth.middleware.js';
import { created } from '../schemas/answer-schemas.js';
import { validateAddress } from '../schemas/address.schema.js';
import { address } from '../schemas/order.answers.js';
import { jsonBody, route } from '../routing/route.js';

const AN_ADDRESS = { name: '张三', mobile: '13800138000', province: '广东省', city: '广州市', country: '天河区', detail: '某路 1 号' };

// zerg let super tokens in here too, but a super token's uid is a third app's id: it would read
// and overwrite the address of the user who happens to have that id. Users only.
export const addressRoutes = [
  route({
    operationId: 'getAddress',
    method: 'get',
    path: '/address',
    tag: 'address',
    summary: 'The shopper’s delivery address',
    scope: 'user',
    answers: [{ status: 200, description: 'the saved address', schema: address, example: AN_ADDRESS }],
    errors: ['ADDRESS.MISSING'],
    handle: async (ctx, _input, { useCases }) => {
      const { name, mobile, province, city, country, detail } = await useCases.getAddress.execute({ uid: identityOf(ctx).uid });
      ctx.body = { name, mobile, province, city, country, detail };
    },
  }),
  route({
    operationId: 'saveAddress',
    method: 'post',
    path: '/address',
    tag: 'address',
    summary: 'Saves (creates or replaces) the shopper’s delivery address',
    scope: 'user',
    body: jsonBody(validateAddress, AN_ADDRESS),
    answers: [{ status: 201, description: 'saved', schema: created, example: { code: 201, msg: 'ok', errorCode: 0 } }],
    handle: async (ctx, { body }, { useCases }) => {
      const { name, mobile, province, city, country, detail } = body;
      await useCases.saveAddress.execute({ uid: identityOf(ctx).uid, address: { name, mobile, province, city, country, detail } });
      ctx.status = 201;
      ctx.body = { code: 201, msg: 'ok', errorCode: 0 };
    },
  }),
];
