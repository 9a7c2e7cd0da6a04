import type Router from '@koa/router';
import type { Context } from 'koa';
import type { HttpDeps } from '../http.deps.js';
import { identityOf, requireScope } from '../auth.middleware.js';
import { jsonBody } from '../body.js';
import type { ImageUrls } from '../presenters/image-url.js';
import { presentPaymentResult } from '../presenters/order.presenter.js';
import { validOrderIdBody } from '../schemas/order.schemas.js';
import { answerNotification } from './wechat-notification.js';

export function payRoutes(router: Router, { useCases, tokens, notifications, refundNotifications }: HttpDeps, images: ImageUrls): void {
  router.post('/pay/pre_order', requireScope(tokens, 'user'), jsonBody(), async (ctx) => {
    const { id } = validOrderIdBody(ctx.request.body);
    const result = await useCases.preparePayment.execute({ uid: identityOf(ctx).uid, orderId: id, clientIp: clientIp(ctx) });
    ctx.body = presentPaymentResult(result, images);
  });

  // Applied, duplicate and unknown-order notifications are final; an amount mismatch is not.
  router.post('/pay/notify', (ctx) =>
    answerNotification(ctx, 'payment', notifications, (notification) => useCases.handlePaymentNotification.execute(notification)),
  );

  // Every refund result is final for WeChat; the refund's own state says what happened.
  router.post('/pay/refund_notify', (ctx) =>
    answerNotification(ctx, 'refund', refundNotifications, async (notification) => {
      const { status } = await useCases.handleRefundNotification.execute(notification);
      return { acknowledged: true, outcome: status };
    }),
  );
}

/** WeChat wants the payer's IP address; behind a proxy (`TRUST_PROXY`) Koa takes it from X-Forwarded-For. */
function clientIp(ctx: Context): string {
  const ip = ctx.ip.replace(/^::ffff:/, '');
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(ip) ? ip : '127.0.0.1';
}
