import type Router from '@koa/router';
import type { HttpDeps } from '../http.deps.js';
import { identityOf, requireScope } from '../auth.middleware.js';
import { jsonBody } from '../body.js';
import {
  presentOrderDetail,
  presentOrderSummary,
  presentOrderSummaryWithRefunds,
  presentPlaceOrderResult,
  presentRefund,
} from '../presenters/order.presenter.js';
import type { ImageUrls } from '../presenters/image-url.js';
import { parseYuan } from '../presenters/yuan.js';
import { validOrderIdBody, validPlaceOrderBody, validRefundBody } from '../schemas/order.schemas.js';
import { paging, positiveInt } from '../validation.js';

export function orderRoutes(router: Router, { useCases, tokens }: HttpDeps, images: ImageUrls): void {
  const userOnly = requireScope(tokens, 'user');
  const superOnly = requireScope(tokens, 'super');

  router.post('/order', userOnly, jsonBody(), async (ctx) => {
    const { products } = validPlaceOrderBody(ctx.request.body);
    const result = await useCases.placeOrder.execute({
      uid: identityOf(ctx).uid,
      products: products.map((line) => ({ productId: line.product_id, count: line.count })),
    });
    ctx.body = presentPlaceOrderResult(result, images);
  });

  router.get('/order/by_user', userOnly, async (ctx) => {
    const { page, size } = paging(ctx.query);
    const orders = await useCases.listMyOrders.execute({ uid: identityOf(ctx).uid, page, size });
    ctx.body = { data: orders.map((order) => presentOrderSummary(order, images)), current_page: page };
  });

  // Registered before order/:id so the literal path wins.
  router.get('/order/paginate', superOnly, async (ctx) => {
    const { page, size } = paging(ctx.query);
    const orders = await useCases.listAllOrders.execute({ page, size });
    ctx.body = { data: orders.map((detail) => presentOrderSummaryWithRefunds(detail, images)), current_page: page };
  });

  router.put('/order/delivery', superOnly, jsonBody(), async (ctx) => {
    const { id } = validOrderIdBody(ctx.request.body);
    await useCases.deliverOrder.execute({ orderId: id });
    ctx.status = 201;
    ctx.body = { code: 201, msg: 'ok', errorCode: 0 };
  });

  router.post('/order/refund', superOnly, jsonBody(), async (ctx) => {
    const body = validRefundBody(ctx.request.body);
    const refundFee = body.refund_fee === undefined ? undefined : (parseYuan(body.refund_fee) ?? undefined);
    const refund = await useCases.requestRefund.execute({ orderId: body.id, refundFee, reason: body.reason });
    ctx.status = 201;
    ctx.body = presentRefund(refund);
  });

  router.get('/order/:id', userOnly, async (ctx) => {
    const detail = await useCases.getOrderDetail.execute({ uid: identityOf(ctx).uid, orderId: positiveInt('id', ctx.params.id) });
    ctx.body = presentOrderDetail(detail, images);
  });
}
