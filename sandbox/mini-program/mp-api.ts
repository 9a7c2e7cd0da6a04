import type Koa from 'koa';
import { readRequestLimited } from '../../src/adapters/wechat/http-body.js';
import { stringQuery } from '../koa-helpers.js';
import { SandboxControlError, type SandboxMerchant } from '../sandbox-merchant.js';
import type { SandboxOrders } from '../sandbox-orders.js';
import { openidOf } from '../sandbox-login.api.js';
import type { SandboxSubscribeMessages } from './mp-messages.js';
import type { SandboxPusher } from './mp-push.js';
import type { SandboxShipping } from './mp-shipping.js';
import type { SandboxAccessTokens } from './mp-tokens.js';

export interface MiniProgramParts {
  readonly merchant: SandboxMerchant;
  readonly orders: SandboxOrders;
  readonly tokens: SandboxAccessTokens;
  readonly shipping: SandboxShipping;
  readonly messages: SandboxSubscribeMessages;
  readonly pusher: SandboxPusher;
  readonly now: () => Date;
}

type Body = Record<string, unknown>;

/** The mini-program server APIs that need an access token, by path. */
const TOKEN_APIS: Readonly<Record<string, (parts: MiniProgramParts, body: Body) => object>> = {
  '/cgi-bin/express/delivery/open_msg/get_delivery_list': (parts) => parts.shipping.deliveryList(),
  '/wxa/sec/order/upload_shipping_info': (parts, body) => parts.shipping.upload(body),
  '/wxa/sec/order/is_trade_managed': (parts, body) => parts.shipping.isTradeManaged(body),
  '/cgi-bin/message/subscribe/send': (parts, body) => parts.messages.send(body),
};

export const MINI_PROGRAM_CONTROL_ROUTES = [
  'GET  /sandbox/mini-program               tokens, uploads, messages and pushes so far',
  'POST /sandbox/mini-program/tokens/expire  the current access_token expires now (calls with it get 42001)',
  'POST /sandbox/mini-program/subscribe      {"name"|"openid", "template_id", "times": 1}  the buyer allows messages',
  'POST /sandbox/mini-program/trade-managed  {"managed": false}',
  'POST /sandbox/mini-program/push-url       {"url"}  where message pushes go',
  'POST /sandbox/mini-program/remind         {"out_trade_no", "encrypted": true}  pushes trade_manage_remind_shipping',
  'POST /sandbox/mini-program/confirm        {"out_trade_no", "encrypted": true}  the buyer confirms receipt: trade_manage_order_settlement',
];

/** Serves the mini-program side of WeChat and its control calls; false for any other path. */
export async function serveMiniProgram(ctx: Koa.Context, parts: MiniProgramParts): Promise<boolean> {
  if (ctx.path === '/cgi-bin/stable_token' && ctx.method === 'POST') {
    ctx.body = parts.tokens.stableToken(await bodyOf(ctx));
    return true;
  }
  const api = TOKEN_APIS[ctx.path];
  if (api && ctx.method === 'POST') {
    const refused = parts.tokens.check(stringQuery(ctx.query).access_token);
    const body = await bodyOf(ctx);
    ctx.body = refused ? { errcode: refused, errmsg: refused === 42001 ? 'access_token expired' : 'invalid credential, access_token is invalid or not latest' } : api(parts, body);
    return true;
  }
  if (ctx.path !== '/sandbox/mini-program' && !ctx.path.startsWith('/sandbox/mini-program/')) return false;
  try {
    ctx.body = await control(`${ctx.method} ${ctx.path.replace(/\/+$/, '')}`, ctx.method === 'POST' ? await bodyOf(ctx) : {}, parts);
  } catch (error) {
    if (!(error instanceof SandboxControlError)) throw error;
    ctx.status = error.status;
    ctx.body = { error: error.code, message: error.message };
  }
  return true;
}

async function control(route: string, input: Body, parts: MiniProgramParts): Promise<unknown> {
  const text = (name: string) => (typeof input[name] === 'string' ? (input[name] as string) : undefined);
  const encrypted = input.encrypted !== false;
  switch (route) {
    case 'GET /sandbox/mini-program':
      return { tokens: parts.tokens.counts(), shipments: parts.shipping.list(), messages: parts.messages.messages(), refusedMessages: parts.messages.refusals(), pushes: parts.pusher.list() };
    case 'POST /sandbox/mini-program/tokens/expire':
      parts.tokens.expire();
      return parts.tokens.counts();
    case 'POST /sandbox/mini-program/subscribe': {
      const openid = text('openid') ?? (text('name') ? openidOf(parts.merchant, text('name')!) : undefined);
      const templateId = text('template_id');
      if (!openid || !templateId) throw new SandboxControlError(400, 'BAD_SUBSCRIBE', 'name (or openid) and template_id are required');
      return { openid, template_id: templateId, remaining: parts.messages.accept(openid, templateId, Number(input.times ?? 1)) };
    }
    case 'POST /sandbox/mini-program/trade-managed':
      parts.shipping.tradeManaged = input.managed !== false;
      return { managed: parts.shipping.tradeManaged };
    case 'POST /sandbox/mini-program/push-url':
      parts.pusher.url = text('url') ?? null;
      return { url: parts.pusher.url };
    case 'POST /sandbox/mini-program/remind':
      return parts.pusher.push({ Event: 'trade_manage_remind_shipping', ...paymentOf(parts, text('out_trade_no')), msg: '订单已超过48小时未发货' }, encrypted);
    case 'POST /sandbox/mini-program/confirm': {
      const outTradeNo = text('out_trade_no');
      const shipment = parts.shipping.confirm(outTradeNo ?? '');
      if (!shipment) throw new SandboxControlError(409, 'NOT_SHIPPED', `nothing was uploaded for ${outTradeNo ?? '(none)'}: there is no receipt to confirm`);
      const at = Math.floor(parts.now().getTime() / 1000);
      const event = { Event: 'trade_manage_order_settlement', ...paymentOf(parts, outTradeNo), confirm_receive_method: 1, confirm_receive_time: at, settlement_time: at };
      return parts.pusher.push(event, encrypted);
    }
    default:
      throw new SandboxControlError(404, 'NOT_FOUND', `the sandbox control API has no ${route}`);
  }
}

function paymentOf(parts: MiniProgramParts, outTradeNo: string | undefined) {
  const order = parts.orders.list().find((each) => each.outTradeNo === outTradeNo);
  if (!order?.transactionId) throw new SandboxControlError(404, 'NO_PAYMENT', `no paid order ${outTradeNo ?? '(none)'}`);
  return { transaction_id: order.transactionId, merchant_id: parts.merchant.mchId, sub_merchant_id: '', merchant_trade_no: order.outTradeNo };
}

async function bodyOf(ctx: Koa.Context): Promise<Body> {
  let text: string;
  try {
    text = await readRequestLimited(ctx.req, 64 * 1024);
  } catch {
    throw new SandboxControlError(413, 'TOO_LARGE', 'the body is too large');
  }
  try {
    const parsed: unknown = text.trim() === '' ? {} : JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Body;
  } catch {
    // answered below
  }
  ctx.status = 400;
  return {};
}
