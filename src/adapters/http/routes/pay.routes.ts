import type Router from '@koa/router';
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
    // The payer's address as Koa knows it (from X-Forwarded-For behind TRUST_PROXY); the WeChat adapter formats it.
    const result = await useCases.preparePayment.execute({ uid: identityOf(ctx).uid, orderId: id, clientIp: ctx.ip });
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
