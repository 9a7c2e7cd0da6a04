import { identityOf } from '../auth.middleware.js';
import { errorBody, object } from '../schemas/answer-schemas.js';
import { consentResults, validateConsent } from '../schemas/delivery.schemas.js';
import { jsonBody, route } from '../routing/route.js';
import { answerPush, answerPushCheck } from './wechat-push.js';

const TEMPLATE = 'Ga5Bd1BDLZ0Kl9Rzsh8f5L7oWnVnL7Ra3ip_qAXS4hg';
const consentCounts = object({
  templates: {
    type: 'array',
    description: 'each template of the shop’s the buyer answered about: what they answered, and the messages they now allow',
    items: object({ template_id: { type: 'string' }, result: { type: 'string', enum: ['accept', 'reject', 'ban', 'filter'] }, remaining: { type: 'integer', minimum: 0 } }),
  },
});
const PUSH_QUERY =
  'Query: `signature`, `timestamp`, `nonce` (SHA-1 over the Token and them); in the safe mode also `encrypt_type=aes` and `msg_signature` (over the ciphertext too).';
const rejectedPush = { status: 401, description: 'not WeChat’s (10009): signature, stale, replayed, a plain push where only the safe mode is taken, an envelope that does not open', schema: errorBody, example: { msg: 'message push rejected (SIGNATURE): msg_signature does not match', error_code: 10009, request_url: '/api/v1/wechat/push' } };
const notConfigured = { status: 404, description: 'WECHAT_PUSH_TOKEN is not set: the shop takes no message push (10006)', schema: errorBody, example: { msg: 'no API route /api/v1/wechat/push', error_code: 10006, request_url: '/api/v1/wechat/push' } };

/** The buyer's subscribe-message consents, and WeChat's message push to the mini-program's server. */
export const deliveryRoutes = [
  route({
    operationId: 'recordSubscribeConsents',
    method: 'post',
    path: '/subscribe/consent',
    tag: 'order',
    summary: 'Records what wx.requestSubscribeMessage answered: each `accept` of the shop’s template allows one message',
    description: 'Post the answer as it came (`errMsg` and each template id with `accept`, `reject`, `ban` or `filter`). Templates the shop does not send are answered about, not kept.',
    scope: 'user',
    body: jsonBody(validateConsent, { errMsg: 'requestSubscribeMessage:ok', [TEMPLATE]: 'accept' }),
    answers: [{ status: 200, description: 'the consents counted', schema: consentCounts, example: { templates: [{ template_id: TEMPLATE, result: 'accept', remaining: 1 }] } }],
    handle: async (ctx, { body }, { useCases }) => {
      const counts = await useCases.recordSubscribeConsents.execute({ uid: identityOf(ctx).uid, results: consentResults(body) });
      ctx.body = { templates: counts.map((count) => ({ template_id: count.templateId, result: count.result, remaining: count.remaining })) };
    },
  }),
  route({
    operationId: 'checkMessagePush',
    method: 'get',
    path: '/wechat/push',
    tag: 'WeChat',
    summary: 'The check WeChat makes when the message push URL is saved (called by WeChat)',
    description: `${PUSH_QUERY} Answers \`echostr\` as text when signed with the Token.`,
    answers: [{ status: 200, description: 'the `echostr` it was sent', schema: { type: 'string' }, example: '7215932316234857280', type: 'text/plain' }],
    errors: ['WECHAT.PUSH_REJECTED', 'ROUTE.NOT_FOUND'],
    handle: (ctx, _input, { push }) => answerPushCheck(ctx, push),
  }),
  route({
    operationId: 'messagePush',
    method: 'post',
    path: '/wechat/push',
    tag: 'WeChat',
    summary: 'The mini-program’s message push: shipping management’s events (called by WeChat)',
    description: `${PUSH_QUERY} \`trade_manage_remind_shipping\` is flagged on its order, \`trade_manage_order_settlement\` records the receipt confirmed and the settlement; other messages are acknowledged.`,
    body: {
      kind: 'notification',
      description: 'JSON (or XML), as the console’s data format says; in the safe mode `{ToUserName, Encrypt}`',
      content: {
        'application/json': {
          schema: { type: 'object', description: 'the message, or in the safe mode its envelope' },
          example: { ToUserName: 'gh_abcdefg', Encrypt: '…' },
        },
      },
    },
    answers: [
      { status: 200, description: 'taken: WeChat reads `success`', schema: { type: 'string', const: 'success' }, example: 'success', type: 'text/plain' },
      rejectedPush,
      notConfigured,
      { status: 413, description: 'a body over 64 KiB (10000)', schema: errorBody, example: { msg: 'request body exceeds 65536 bytes', error_code: 10000, request_url: '/api/v1/wechat/push' } },
    ],
    handle: (ctx, _input, { push, useCases }) => answerPush(ctx, push, useCases),
  }),
];
