/**
 * `/v3/…` on the sandbox: each request authenticated against the merchant's public key (401
 * SIGN_ERROR otherwise), routed, and answered with a signature, errors included, by the key the
 * merchant's mode and the request's Wechatpay-Serial call for. Faults apply per route template.
 */
import { randomBytes } from 'node:crypto';
import type Koa from 'koa';
import { BodyTooLarge, readRequestLimited } from '../../src/adapters/wechat/http-body.js';
import { encryptResource } from '../../src/adapters/wechat/v3/aead.js';
import { formatChinaRfc3339 } from '../../src/adapters/wechat/v3/rfc3339.js';
import { stringQuery, untilClosed } from '../koa-helpers.js';
import type { SandboxFaults } from '../sandbox-faults.js';
import type { SandboxMerchant } from '../sandbox-merchant.js';
import type { SandboxV3Keys } from './v3-keys.js';
import { type Json, type SandboxV3PayApi, objectOf, paramError } from './v3-pay.api.js';
import type { SandboxV3RefundApi } from './v3-refunds.api.js';
import { type MatchedRoute, matchV3Route } from './v3-routes.js';
import { type V3Answer, authorizationProblem, v3Error, wechatpayHeaders } from './v3-wire.js';

export interface V3Parts {
  readonly merchant: SandboxMerchant;
  readonly keys: SandboxV3Keys;
  readonly faults: SandboxFaults;
  readonly payApi: SandboxV3PayApi;
  readonly refundApi: SandboxV3RefundApi;
  readonly now: () => Date;
}

const MAX_REQUEST_BYTES = 64 * 1024;

export async function serveV3(ctx: Koa.Context, parts: V3Parts): Promise<void> {
  let raw: string;
  try {
    raw = await readRequestLimited(ctx.req, MAX_REQUEST_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    return answer(ctx, parts, paramError('请求体过大'));
  }
  const route = matchV3Route(ctx.method, ctx.path);
  if (!route) return answer(ctx, parts, v3Error('NOT_FOUND', `沙箱没有 ${ctx.method} ${ctx.path}`));
  const fault = parts.faults.next(route.template);
  const problem = authorizationProblem(ctx.get('authorization') || undefined, ctx.method, ctx.originalUrl, raw, {
    mchId: parts.merchant.mchId,
    mchSerial: parts.keys.mchSerial,
    merchantKey: parts.keys.merchantKey,
    now: parts.now(),
  });
  if (fault?.kind === 'stall') {
    if (fault.processed && !problem) handle(route, raw, ctx, parts);
    await untilClosed(ctx);
    return;
  }
  if (problem) return answer(ctx, parts, v3Error('SIGN_ERROR', problem));
  answer(ctx, parts, fault?.kind === 'fail' ? v3Error(fault.errCode) : handle(route, raw, ctx, parts));
}

function handle(route: MatchedRoute, raw: string, ctx: Koa.Context, parts: V3Parts): V3Answer {
  switch (route.template) {
    case '/v3/pay/transactions/jsapi':
      return withJson(raw, (body) => parts.payApi.jsapi(body));
    case '/v3/pay/transactions/out-trade-no/{out_trade_no}':
      return parts.payApi.query(route.param, stringQuery(ctx.query));
    case '/v3/pay/transactions/out-trade-no/{out_trade_no}/close':
      return withJson(raw, (body) => parts.payApi.close(route.param, body));
    case '/v3/refund/domestic/refunds':
      return withJson(raw, (body) => parts.refundApi.create(body));
    case '/v3/refund/domestic/refunds/{out_refund_no}':
      return parts.refundApi.query(route.param);
    case '/v3/certificates':
      return certificates(parts.keys);
  }
}

/** Every served platform certificate, encrypted with the APIv3 key as WeChat sends them. */
function certificates(keys: SandboxV3Keys): V3Answer {
  const data = keys.certificates().map(({ certificate, serial }) => ({
    serial_no: serial,
    effective_time: formatChinaRfc3339(new Date(certificate.validFrom)),
    expire_time: formatChinaRfc3339(new Date(certificate.validTo)),
    encrypt_certificate: encryptResource(certificate.toString(), keys.apiV3Key, randomBytes(6).toString('hex'), 'certificate'),
  }));
  return { status: 200, json: { data } };
}

function withJson(raw: string, run: (body: Json) => V3Answer): V3Answer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return paramError('请求体不是合法的 JSON');
  }
  const body = objectOf(parsed);
  return body === parsed ? run(body) : paramError('请求体必须是 JSON 对象');
}

function answer(ctx: Koa.Context, parts: V3Parts, result: V3Answer): void {
  const body = result.json === undefined ? '' : JSON.stringify(result.json);
  const key = parts.keys.forAnswer(ctx.get('wechatpay-serial') || undefined);
  ctx.set({ ...wechatpayHeaders(body, key, parts.now()), 'Request-ID': randomBytes(16).toString('hex') });
  ctx.status = result.status;
  if (body === '') {
    ctx.body = null;
    return;
  }
  ctx.type = 'application/json';
  ctx.body = body;
}
