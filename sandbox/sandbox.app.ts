import Koa from 'koa';
import { BodyTooLarge, readRequestLimited } from '../src/adapters/wechat/http-body.js';
import { MAX_XML_BYTES, buildXmlMessage } from '../src/adapters/wechat/xml.js';
import type { Notifier } from './notifier.js';
import type { SandboxFaults } from './sandbox-faults.js';
import { SandboxControlError, type SandboxMerchant } from './sandbox-merchant.js';
import type { SandboxOrders } from './sandbox-orders.js';
import { SANDBOX_PAY_PATHS, type SandboxPayApi } from './sandbox-pay.api.js';
import type { SandboxRefunds } from './sandbox-refunds.js';
import type { OrderRef, SandboxPayments } from './sandbox-payments.js';
import { jscode2session } from './sandbox-login.api.js';

export interface SandboxParts {
  readonly merchant: SandboxMerchant;
  readonly orders: SandboxOrders;
  readonly payApi: SandboxPayApi;
  readonly payments: SandboxPayments;
  readonly notifier: Notifier;
  readonly refunds: SandboxRefunds;
  readonly faults: SandboxFaults;
}

const PAY_PATHS = new Set<string>(SANDBOX_PAY_PATHS);

/** WeChat's two hosts in one Koa app, plus the JSON control API under `/sandbox`. */
export function sandboxApp(parts: SandboxParts): Koa {
  const app = new Koa();
  app.use(async (ctx) => {
    if (PAY_PATHS.has(ctx.path)) {
      ctx.type = 'text/xml';
      if (ctx.method !== 'POST') {
        ctx.body = buildXmlMessage({ return_code: 'FAIL', return_msg: 'REQUIRE_POST_METHOD' });
        return;
      }
      try {
        const raw = await readRequestLimited(ctx.req, MAX_XML_BYTES);
        const fault = parts.faults.next(ctx.path);
        if (fault?.kind === 'stall') {
          if (fault.processed) parts.payApi.handle(ctx.path, raw);
          await untilClosed(ctx);
          return;
        }
        ctx.body = parts.payApi.handle(ctx.path, raw, fault ?? undefined);
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error;
        ctx.body = buildXmlMessage({ return_code: 'FAIL', return_msg: 'XML格式错误' });
      }
      return;
    }
    if (ctx.path === '/sns/jscode2session' && ctx.method === 'GET') {
      // WeChat answers JSON labelled text/plain.
      ctx.type = 'text/plain';
      ctx.body = JSON.stringify(jscode2session(parts.merchant, stringQuery(ctx.query)));
      return;
    }
    if (ctx.path === '/sandbox' || ctx.path.startsWith('/sandbox/')) {
      try {
        ctx.body = await control(ctx, parts);
      } catch (error) {
        if (!(error instanceof SandboxControlError)) throw error;
        ctx.status = error.status;
        ctx.body = { error: error.code, message: error.message };
      }
      return;
    }
    ctx.status = 404;
    ctx.body = { error: 'NOT_FOUND', message: `the sandbox has no ${ctx.method} ${ctx.path}` };
  });
  return app;
}

async function control(ctx: Koa.Context, parts: SandboxParts): Promise<unknown> {
  const route = `${ctx.method} ${ctx.path.replace(/\/+$/, '')}`;
  const input = route.startsWith('POST ') ? { ...stringQuery(ctx.query), ...(await jsonBody(ctx)) } : stringQuery(ctx.query);
  const ref: OrderRef = { outTradeNo: input.out_trade_no ?? input.outTradeNo, prepayId: input.prepay_id ?? input.prepayId };
  switch (route) {
    case 'GET /sandbox':
      return {
        merchant: { appid: parts.merchant.appId, mch_id: parts.merchant.mchId },
        routes: [
          'GET  /sandbox/orders',
          'POST /sandbox/pay                        {"out_trade_no"|"prepay_id", "result": "SUCCESS"|"FAIL", "notify": false, "force": true}',
          'POST /sandbox/notifications/duplicate    {"out_trade_no"|"prepay_id"}',
          'POST /sandbox/notifications/late         {"out_trade_no"|"prepay_id", "after_seconds": 60}',
          'GET  /sandbox/notifications',
          'GET  /sandbox/refunds',
          'POST /sandbox/refunds/settle             {"out_refund_no", "status": "SUCCESS"|"CHANGE"|"REFUNDCLOSE"}',
          'POST /sandbox/faults/stall               {"path": "/secapi/pay/refund", "times": 1, "processed": false}',
          'POST /sandbox/faults/fail                {"path": "/pay/unifiedorder", "times": 1, "err_code": "SYSTEMERROR"}',
          'GET  /sandbox/faults                     requests received per merchant API path',
        ],
      };
    case 'GET /sandbox/orders':
      return parts.orders.list().map(({ fingerprint: _fingerprint, ...order }) => order);
    case 'POST /sandbox/pay': {
      const result = input.result ?? 'SUCCESS';
      if (result !== 'SUCCESS' && result !== 'FAIL') throw new SandboxControlError(400, 'BAD_RESULT', 'result is SUCCESS or FAIL');
      return parts.payments.pay(ref, result, { notify: input.notify !== 'false', force: input.force === 'true' });
    }
    case 'GET /sandbox/refunds':
      return parts.refunds.list().map(({ fingerprint: _fingerprint, ...refund }) => refund);
    case 'POST /sandbox/refunds/settle': {
      const status = input.status ?? 'SUCCESS';
      if (status !== 'SUCCESS' && status !== 'CHANGE' && status !== 'REFUNDCLOSE') {
        throw new SandboxControlError(400, 'BAD_STATUS', 'status is SUCCESS, CHANGE or REFUNDCLOSE');
      }
      const { fingerprint: _fingerprint, ...refund } = parts.refunds.settle(input.out_refund_no ?? input.outRefundNo ?? '', status);
      return refund;
    }
    case 'POST /sandbox/notifications/duplicate':
      return summary(parts.payments.notifyAgain(ref, 'DUPLICATE'));
    case 'POST /sandbox/notifications/late': {
      const after = Number(input.after_seconds ?? input.afterSeconds ?? '60');
      if (!Number.isFinite(after) || after < 0) throw new SandboxControlError(400, 'BAD_DELAY', 'after_seconds is a number ≥ 0');
      return summary(parts.payments.notifyAgain(ref, 'LATE', after));
    }
    case 'GET /sandbox/notifications':
      return parts.notifier.list().map(summary);
    case 'POST /sandbox/faults/stall': {
      const times = input.times === undefined ? 1 : Number(input.times);
      parts.faults.stall(input.path ?? '', { times, processed: input.processed === 'true' });
      return { path: input.path, times, processed: input.processed === 'true' };
    }
    case 'POST /sandbox/faults/fail': {
      const times = input.times === undefined ? 1 : Number(input.times);
      const errCode = input.err_code ?? input.errCode ?? 'SYSTEMERROR';
      parts.faults.fail(input.path ?? '', { times, errCode });
      return { path: input.path, times, err_code: errCode };
    }
    case 'GET /sandbox/faults':
      return { calls: parts.faults.counts() };
    default:
      throw new SandboxControlError(404, 'NOT_FOUND', `the sandbox control API has no ${route}`);
  }
}

function summary(delivery: ReturnType<Notifier['list']>[number]) {
  const { body: _body, ...rest } = delivery;
  return rest;
}

/** Holds a stalled request open until its caller gives up (or the sandbox closes); it never gets an answer. */
function untilClosed(ctx: Koa.Context): Promise<void> {
  ctx.respond = false;
  return new Promise((resolve) => {
    if (ctx.req.socket.destroyed) resolve();
    else ctx.req.socket.once('close', () => resolve());
  });
}

function stringQuery(query: Koa.Context['query']): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(query)) result[name] = Array.isArray(value) ? value[0] : value;
  return result;
}

async function jsonBody(ctx: Koa.Context): Promise<Record<string, string | undefined>> {
  let text: string;
  try {
    text = await readRequestLimited(ctx.req, 16 * 1024);
  } catch {
    throw new SandboxControlError(413, 'TOO_LARGE', 'control requests are small JSON objects');
  }
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SandboxControlError(400, 'BAD_JSON', 'the body must be a JSON object');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SandboxControlError(400, 'BAD_JSON', 'the body must be a JSON object');
  }
  const result: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') result[name] = String(value);
  }
  return result;
}
