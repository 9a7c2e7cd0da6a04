import { object, token } from '../schemas/answer-schemas.js';
import { validateAppToken, validateUserToken, validateVerifyToken } from '../schemas/token.schemas.js';
import { jsonBody, route } from '../routing/route.js';

const TOKEN = 'f7b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';

export const tokenRoutes = [
  route({
    operationId: 'loginWithWeChat',
    method: 'post',
    path: '/token/user',
    tag: 'token',
    summary: 'A shopper logs in with a wx.login code',
    description: 'The code goes to WeChat (`jscode2session`); the openid found is the user, created on the first login.',
    body: jsonBody(validateUserToken, { code: '0a3Bc4xyz' }),
    answers: [{ status: 200, description: 'a user token', schema: token, example: { token: TOKEN } }],
    errors: ['WECHAT.LOGIN_REFUSED', 'WECHAT.LOGIN_UNAVAILABLE'],
    handle: async (ctx, { body }, { useCases }) => {
      ctx.body = await useCases.loginWithWeChat.execute(body);
    },
  }),
  route({
    operationId: 'issueAppToken',
    method: 'post',
    path: '/token/app',
    tag: 'token',
    summary: 'An operator app (the CMS) trades its app id and secret for a super token',
    description:
      'After 5 tries without the right secret for one app id within 15 minutes the app id is locked for the rest of the window (429, `Retry-After`).',
    body: jsonBody(validateAppToken, { ac: 'weshop-admin', se: 'weshop-dev-secret' }),
    answers: [{ status: 200, description: 'a super token', schema: token, example: { token: TOKEN } }],
    errors: ['TOKEN.INVALID_APP_CREDENTIALS', 'TOKEN.TOO_MANY_FAILED_ATTEMPTS'],
    handle: async (ctx, { body }, { useCases }) => {
      ctx.body = await useCases.issueAppToken.execute({ ac: body.ac, se: body.se });
    },
  }),
  route({
    operationId: 'verifyToken',
    method: 'post',
    path: '/token/verify',
    tag: 'token',
    summary: 'Whether a token is still valid',
    body: jsonBody(validateVerifyToken, { token: TOKEN }),
    answers: [{ status: 200, description: 'the token’s state', schema: object({ isValid: { type: 'boolean' } }), example: { isValid: true } }],
    handle: async (ctx, { body }, { useCases }) => {
      ctx.body = await useCases.verifyToken.execute(body);
    },
  }),
];
