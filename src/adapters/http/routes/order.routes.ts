import { identityOf } from '../auth.middleware.js';
import {
  presentOrderDetail,
  presentOrderSummary,
  presentPaymentResult,
  presentPlaceOrderResult,
} from '../presenters/order.presenter.js';
import * as answer from '../schemas/order.answers.js';
import { validateOrderId, validatePlaceOrder } from '../schemas/order.schemas.js';
import { pathId, queryInt } from '../routing/params.js';
import { jsonBody, route } from '../routing/route.js';
import { MAX_PAGE, MAX_PAGE_SIZE } from '../validation.js';
import { ORDER_EXAMPLES as example } from './order.examples.js';

/** zerg's paging of the order lists: `page` from 1, `size` up to 100 (15 by default). */
export const pagingParams = {
  page: queryInt('page, from 1; an empty `data` ends paging', 1, MAX_PAGE),
  size: queryInt('orders per page', 15, MAX_PAGE_SIZE),
};

/** What a shopper does with orders: place, list, read, pay. */
export const orderRoutes = [
  route({
    operationId: 'placeOrder',
    method: 'post',
    path: '/order',
    tag: 'order',
    summary: 'Places an order of the shopper’s products, to their saved address',
    description: 'Lines naming one product are merged. When a line is short of stock nothing is placed: `pass: false` with every line’s status.',
    scope: 'user',
    body: jsonBody(validatePlaceOrder, example.placeOrderBody),
    answers: [{ status: 200, description: 'placed, or `pass: false` with the lines short of stock', schema: answer.placeOrderResult, example: example.placed }],
    errors: ['ADDRESS.MISSING', 'PRODUCT.NOT_FOUND', 'ORDER.INVALID_LINE'],
    handle: async (ctx, { body }, { useCases, images }) => {
      const result = await useCases.placeOrder.execute({
        uid: identityOf(ctx).uid,
        products: body.products.map((line) => ({ productId: line.product_id, count: line.count })),
      });
      ctx.body = presentPlaceOrderResult(result, images);
    },
  }),
  route({
    operationId: 'listMyOrders',
    method: 'get',
    path: '/order/by_user',
    tag: 'order',
    summary: 'The shopper’s orders, newest first',
    scope: 'user',
    params: pagingParams,
    answers: [{ status: 200, description: 'a page of orders', schema: answer.orderPage(answer.orderSummary), example: { data: [example.summary], current_page: 1 } }],
    handle: async (ctx, { params: { page, size } }, { useCases, images }) => {
      const orders = await useCases.listMyOrders.execute({ uid: identityOf(ctx).uid, page, size });
      ctx.body = { data: orders.map((order) => presentOrderSummary(order, images)), current_page: page };
    },
  }),
  route({
    operationId: 'getMyOrder',
    method: 'get',
    path: '/order/:id',
    tag: 'order',
    summary: 'One of the shopper’s orders, with its snapshot and refunds',
    scope: 'user',
    params: { id: pathId('order id', '42') },
    answers: [{ status: 200, description: 'the order', schema: answer.orderDetail, example: example.detail }],
    errors: ['ORDER.NOT_FOUND', 'ORDER.NOT_OWNER'],
    handle: async (ctx, { params: { id } }, { useCases, images }) => {
      const detail = await useCases.getOrderDetail.execute({ uid: identityOf(ctx).uid, orderId: id });
      ctx.body = presentOrderDetail(detail, images);
    },
  }),
  route({
    operationId: 'preparePayment',
    method: 'post',
    path: '/pay/pre_order',
    tag: 'pay',
    summary: 'Prepares WeChat Pay for an unpaid order: the parameters of wx.requestPayment',
    description: 'Stock is checked again first: when a line is short, `pass: false` with every line’s status and nothing is sent to WeChat.',
    scope: 'user',
    body: jsonBody(validateOrderId, { id: 42 }),
    answers: [{ status: 200, description: 'wx.requestPayment’s parameters (no appId), or `pass: false`', schema: answer.paymentResult, example: example.payment }],
    errors: ['ORDER.NOT_FOUND', 'ORDER.NOT_OWNER', 'ORDER.NOT_PAYABLE', 'ORDER.CLOSED', 'WECHAT.PAY_FAILED'],
    handle: async (ctx, { body }, { useCases, images }) => {
      // The payer's address as Koa knows it (from X-Forwarded-For behind TRUST_PROXY); the WeChat adapter formats it.
      const result = await useCases.preparePayment.execute({ uid: identityOf(ctx).uid, orderId: body.id, clientIp: ctx.ip });
      ctx.body = presentPaymentResult(result, images);
    },
  }),
];
