import type Koa from 'koa';
import { readRequestLimited } from '../src/adapters/wechat/http-body.js';
import { stringQuery } from './koa-helpers.js';
import type { Delivery, Notifier, SignWith } from './notifier.js';
import type { SandboxFaults } from './sandbox-faults.js';
import { SandboxControlError, type SandboxMerchant } from './sandbox-merchant.js';
import type { SandboxOrders, SandboxRefundStatus } from './sandbox-orders.js';
import type { SandboxPayApi } from './sandbox-pay.api.js';
import type { OrderRef, SandboxPayments } from './sandbox-payments.js';
import type { SandboxRefunds } from './sandbox-refunds.js';
import { V3_CONTROL_ROUTES, v3Control } from './v3/v3-control.js';
import type { V3Parts } from './v3/v3-http.js';
import { MINI_PROGRAM_CONTROL_ROUTES, type MiniProgramParts } from './mini-program/mp-api.js';

export interface SandboxParts {
  readonly merchant: SandboxMerchant;
  readonly orders: SandboxOrders;
  readonly payApi: SandboxPayApi;
  readonly payments: SandboxPayments;
  readonly notifier: Notifier;
  readonly refunds: SandboxRefunds;
  readonly faults: SandboxFaults;
  readonly v3: V3Parts;
  readonly miniProgram: MiniProgramParts;
}

type Input = Record<string, string | undefined>;

/** Refund statuses in either protocol's words, kept in v2's. */
const SETTLE_STATUS: Record<string, Exclude<SandboxRefundStatus, 'PROCESSING'>> = {
  SUCCESS: 'SUCCESS',
  CHANGE: 'CHANGE',
  ABNORMAL: 'CHANGE',
  REFUNDCLOSE: 'REFUNDCLOSE',
  CLOSED: 'REFUNDCLOSE',
};

/** The JSON control API under `/sandbox`: what the user, WeChat's servers and WeChat's faults do. */
export async function control(ctx: Koa.Context, parts: SandboxParts): Promise<unknown> {
  const route = `${ctx.method} ${ctx.path.replace(/\/+$/, '')}`;
  const input = route.startsWith('POST ') ? { ...stringQuery(ctx.query), ...(await jsonBody(ctx)) } : stringQuery(ctx.query);
  const ref: OrderRef = { outTradeNo: input.out_trade_no ?? input.outTradeNo, prepayId: input.prepay_id ?? input.prepayId };
  if (route.startsWith('GET /sandbox/v3') || route.startsWith('POST /sandbox/v3')) return v3Control(route, input, parts.v3.keys);
  switch (route) {
    case 'GET /sandbox':
      return {
        merchant: { appid: parts.merchant.appId, mch_id: parts.merchant.mchId },
        v3: { mode: parts.v3.keys.mode, mch_serial: parts.v3.keys.mchSerial, public_key_id: parts.v3.keys.publicKey.serial },
        routes: [
          'GET  /sandbox/orders',
          'POST /sandbox/pay                        {"out_trade_no"|"prepay_id", "result": "SUCCESS"|"FAIL", "notify": false, "force": true, "sign_with": "public_key"|"certificate"}',
          'POST /sandbox/notifications/duplicate    {"out_trade_no"|"prepay_id", "sign_with"}',
          'POST /sandbox/notifications/late         {"out_trade_no"|"prepay_id", "after_seconds": 60, "sign_with"}',
          'POST /sandbox/notifications/signtest     {"out_trade_no"|"prepay_id"}  v3: a WECHATPAY/SIGNTEST/ probe, sent once',
          'GET  /sandbox/notifications',
          'GET  /sandbox/refunds',
          'POST /sandbox/refunds/settle             {"out_refund_no", "status": "SUCCESS"|"CHANGE"|"REFUNDCLOSE" (v3: "ABNORMAL"|"CLOSED")}',
          'POST /sandbox/faults/stall               {"path": "/secapi/pay/refund", "times": 1, "processed": false}',
          'POST /sandbox/faults/fail                {"path": "/pay/unifiedorder", "times": 1, "err_code": "SYSTEMERROR"}',
          'GET  /sandbox/faults                     requests received per merchant API path (v3: per route template)',
          ...V3_CONTROL_ROUTES,
          ...MINI_PROGRAM_CONTROL_ROUTES,
        ],
      };
    case 'GET /sandbox/orders':
      return parts.orders.list().map(({ fingerprint: _fingerprint, ...order }) => order);
    case 'POST /sandbox/pay': {
      const result = input.result ?? 'SUCCESS';
      if (result !== 'SUCCESS' && result !== 'FAIL') throw new SandboxControlError(400, 'BAD_RESULT', 'result is SUCCESS or FAIL');
      return parts.payments.pay(ref, result, { notify: input.notify !== 'false', force: input.force === 'true', ...signWithOf(input) });
    }
    case 'GET /sandbox/refunds':
      return parts.refunds.list().map(({ fingerprint: _fingerprint, ...refund }) => refund);
    case 'POST /sandbox/refunds/settle': {
      const status = SETTLE_STATUS[input.status ?? 'SUCCESS'];
      if (!status) throw new SandboxControlError(400, 'BAD_STATUS', 'status is SUCCESS, CHANGE or REFUNDCLOSE (v3 words ABNORMAL and CLOSED too)');
      const { fingerprint: _fingerprint, ...refund } = parts.refunds.settle(input.out_refund_no ?? input.outRefundNo ?? '', status);
      return refund;
    }
    case 'POST /sandbox/notifications/duplicate':
      return summary(parts.payments.notifyAgain(ref, 'DUPLICATE', 0, signWithOf(input)));
    case 'POST /sandbox/notifications/late': {
      const after = Number(input.after_seconds ?? input.afterSeconds ?? '60');
      if (!Number.isFinite(after) || after < 0) throw new SandboxControlError(400, 'BAD_DELAY', 'after_seconds is a number ≥ 0');
      return summary(parts.payments.notifyAgain(ref, 'LATE', after, signWithOf(input)));
    }
    case 'POST /sandbox/notifications/signtest':
      return summary(parts.payments.probe(ref, signWithOf(input)));
    case 'GET /sandbox/notifications':
      return parts.notifier.list().map(summary);
    case 'POST /sandbox/faults/stall': {
      const times = input.times === undefined ? 1 : Number(input.times);
      parts.faults.stall(input.path ?? '', { times, processed: input.processed === 'true' });
      return { path: input.path, times, processed: input.processed === 'true' };
    }
    case 'POST /sandbox/faults/fail': {
      const times = input.times === undefined ? 1 : Number(input.times);
      const requested = input.err_code ?? input.errCode;
      const errCode = parts.faults.fail(input.path ?? '', { times, ...(requested ? { errCode: requested } : {}) });
      return { path: input.path, times, err_code: errCode };
    }
    case 'GET /sandbox/faults':
      return { calls: parts.faults.counts() };
    default:
      throw new SandboxControlError(404, 'NOT_FOUND', `the sandbox control API has no ${route}`);
  }
}

function signWithOf(input: Input): { signWith?: SignWith } {
  const value = input.sign_with ?? input.signWith;
  if (value === undefined) return {};
  if (value !== 'public_key' && value !== 'certificate') throw new SandboxControlError(400, 'BAD_SIGN_WITH', 'sign_with is public_key or certificate');
  return { signWith: value };
}

function summary(delivery: Delivery) {
  const { body: _body, ...rest } = delivery;
  return rest;
}

async function jsonBody(ctx: Koa.Context): Promise<Input> {
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
  const result: Input = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') result[name] = String(value);
  }
  return result;
}
