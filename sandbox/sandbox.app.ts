import Koa from 'koa';
import { BodyTooLarge, readRequestLimited } from '../src/adapters/wechat/http-body.js';
import { MAX_XML_BYTES, buildXmlMessage } from '../src/adapters/wechat/xml.js';
import { stringQuery, untilClosed } from './koa-helpers.js';
import { type SandboxParts, control } from './sandbox-control.js';
import { SandboxControlError } from './sandbox-merchant.js';
import { SANDBOX_PAY_PATHS } from './sandbox-pay.api.js';
import { jscode2session } from './sandbox-login.api.js';
import { serveV3 } from './v3/v3-http.js';
import { serveMiniProgram } from './mini-program/mp-api.js';

export type { SandboxParts } from './sandbox-control.js';

const PAY_PATHS = new Set<string>(SANDBOX_PAY_PATHS);

/** WeChat's two hosts in one Koa app (merchant API v2 and v3, the mini-program's login, token, shipping and message APIs), plus the JSON control API under `/sandbox`. */
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
    if (ctx.path.startsWith('/v3/')) {
      await serveV3(ctx, parts.v3);
      return;
    }
    if (ctx.path === '/sns/jscode2session' && ctx.method === 'GET') {
      // WeChat answers JSON labelled text/plain.
      ctx.type = 'text/plain';
      ctx.body = JSON.stringify(jscode2session(parts.merchant, stringQuery(ctx.query)));
      return;
    }
    if (await serveMiniProgram(ctx, parts.miniProgram)) return;
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
