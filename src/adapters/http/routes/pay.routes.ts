import type Router from '@koa/router';
import type { Context } from 'koa';
import type { HttpDeps } from '../http.deps.js';
import { identityOf, requireScope } from '../auth.middleware.js';
import { jsonBody, readRawBody } from '../body.js';
import { errorAnswer } from '../error-mapping.js';
import { HttpError } from '../http.error.js';
import { presentPaymentResult } from '../presenters/order.presenter.js';
import { loggerOf } from '../request-context.middleware.js';
import { validOrderIdBody } from '../schemas/order.schemas.js';

export function payRoutes(router: Router, { useCases, tokens, notifications }: HttpDeps): void {
  router.post('/pay/pre_order', requireScope(tokens, 'user'), jsonBody(), async (ctx) => {
    const { id } = validOrderIdBody(ctx.request.body);
    const result = await useCases.preparePayment.execute({ uid: identityOf(ctx).uid, orderId: id, clientIp: clientIp(ctx) });
    ctx.body = presentPaymentResult(result);
  });

  /**
   * WeChat's payment notification. SUCCESS only for outcomes that are final (applied, duplicate,
   * unknown order); FAIL for anything rejected or failed, so WeChat sends it again.
   */
  router.post('/pay/notify', async (ctx) => {
    const log = loggerOf(ctx);
    const answer = (status: number, success: boolean, message?: string) => {
      ctx.status = status;
      ctx.type = 'application/xml';
      ctx.body = notifications.answer(success, message);
    };
    let rawXml: string;
    let notification;
    try {
      rawXml = await readRawBody(ctx);
      notification = await notifications.decode(rawXml);
    } catch (error) {
      log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'payment notification rejected');
      return answer(error instanceof HttpError ? error.status : 400, false, 'rejected');
    }
    try {
      const result = await useCases.handlePaymentNotification.execute(notification);
      log.info({ outTradeNo: notification.outTradeNo, outcome: result.outcome, orderId: result.orderId }, 'payment notification handled');
      if (result.acknowledged) return answer(200, true, 'OK');
      log.warn({ outTradeNo: notification.outTradeNo, outcome: result.outcome }, 'payment notification refused');
      return answer(400, false, result.outcome);
    } catch (error) {
      const { status } = errorAnswer(error);
      log.error({ err: error, outTradeNo: notification.outTradeNo }, 'payment notification failed');
      return answer(status >= 500 ? status : 500, false, 'try again');
    }
  });
}

/** WeChat wants the payer's IPv4 address; behind a proxy Koa's `app.proxy` makes ctx.ip the client's. */
function clientIp(ctx: Context): string {
  const ip = ctx.ip.replace(/^::ffff:/, '');
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(ip) ? ip : '127.0.0.1';
}
