import { presentCmsOrderDetail, presentCmsOrderRow, presentRefund } from '../presenters/order.presenter.js';
import { parseYuan } from '../presenters/yuan.js';
import { created } from '../schemas/answer-schemas.js';
import { deliveryOptions } from '../schemas/delivery.answers.js';
import * as answer from '../schemas/order.answers.js';
import { deliveryCommand, validateDelivery } from '../schemas/delivery.schemas.js';
import { validateRefund } from '../schemas/order.schemas.js';
import { pathId, queryFilter } from '../routing/params.js';
import { jsonBody, route } from '../routing/route.js';
import { ORDER_EXAMPLES as example } from './order.examples.js';
import { pagingParams } from './order.routes.js';

/** What the operator's console (super scope) does with orders: list, inspect, deliver, refund. */
export const cmsRoutes = [
  route({
    operationId: 'listAllOrders',
    method: 'get',
    path: '/order/paginate',
    tag: 'CMS',
    summary: 'Every order, newest first, each with its buyer’s address and its refunds',
    scope: 'super',
    params: { ...pagingParams, status: queryFilter('only orders of this status (1 UNPAID … 5 CLOSED); every status when absent', 5, '2') },
    answers: [{ status: 200, description: 'a page of orders', schema: answer.orderPage(answer.cmsOrderRow), example: { data: [example.cmsRow], current_page: 1 } }],
    handle: async (ctx, { params: { page, size, status } }, { useCases, images }) => {
      const orders = await useCases.listAllOrders.execute({ page, size, status });
      ctx.body = { data: orders.map((detail) => presentCmsOrderRow(detail, images)), current_page: page };
    },
  }),
  route({
    operationId: 'inspectOrder',
    method: 'get',
    path: '/order/cms/:id',
    tag: 'CMS',
    summary: 'Any order as the operator sees it: lines, address, payment attempts, refunds and what is left to refund',
    scope: 'super',
    params: { id: pathId('order id', '42') },
    answers: [{ status: 200, description: 'the order', schema: answer.cmsOrderDetail, example: example.cmsDetail }],
    errors: ['ORDER.NOT_FOUND'],
    handle: async (ctx, { params: { id } }, { useCases, images }) => {
      ctx.body = presentCmsOrderDetail(await useCases.inspectOrder.execute({ orderId: id }), images);
    },
  }),
  route({
    operationId: 'deliverOrder',
    method: 'put',
    path: '/order/delivery',
    tag: 'CMS',
    summary: 'Ships a PAID order (it becomes DELIVERED) and tells WeChat: how, and for express each parcel’s carrier and tracking number',
    description:
      '`logistics_type` is `express`, `same_city`, `virtual` or `self_pickup`; zerg’s `{id}` alone ships as DELIVERY_LOGISTICS_TYPE. Express names 1 to 15 `parcels`, each a carrier code of WeChat’s list. The upload to WeChat is written with the shipment and sent by the jobs; `reship: true` is the one re-shipment of a DELIVERED order.',
    scope: 'super',
    body: jsonBody(validateDelivery, { id: 42, logistics_type: 'express', parcels: [{ carrier_code: 'SF', tracking_no: 'SF1400000001' }] }),
    answers: [{ status: 201, description: 'shipped', schema: created, example: { code: 201, msg: 'ok', errorCode: 0 } }],
    errors: ['ORDER.NOT_FOUND', 'ORDER.NOT_DELIVERABLE', 'ORDER.FULLY_REFUNDED', 'SHIPMENT.INVALID', 'SHIPMENT.UNKNOWN_CARRIER', 'SHIPMENT.RESHIPMENT_USED', 'WECHAT.API_FAILED'],
    handle: async (ctx, { body }, { useCases }) => {
      await useCases.deliverOrder.execute(deliveryCommand(body));
      ctx.status = 201;
      ctx.body = { code: 201, msg: 'ok', errorCode: 0 };
    },
  }),
  route({
    operationId: 'showDeliveryOptions',
    method: 'get',
    path: '/order/delivery/options',
    tag: 'CMS',
    summary: 'What a delivery may name: WeChat’s carriers (`get_delivery_list`), and whether WeChat’s shipping management covers the mini-program',
    description: 'Both come from the shop’s cache of WeChat’s answers. `trade_managed` is `is_trade_managed`, or null when WeChat did not answer it.',
    scope: 'super',
    answers: [{ status: 200, description: 'the carriers and the trade management', schema: deliveryOptions, example: { carriers: [{ code: 'SF', name: '顺丰速运' }, { code: 'ZTO', name: '中通快递' }], trade_managed: true } }],
    errors: ['WECHAT.API_FAILED'],
    handle: async (ctx, _input, { useCases }) => {
      const { carriers, tradeManaged } = await useCases.showDeliveryOptions.execute();
      ctx.body = { carriers: carriers.map(({ code, name }) => ({ code, name })), trade_managed: tradeManaged };
    },
  }),
  route({
    operationId: 'requestRefund',
    method: 'post',
    path: '/order/refund',
    tag: 'CMS',
    summary: 'Gives all or part of a paid order’s payment back through WeChat Pay',
    description:
      '`refund_fee` in yuan (`"1.50"`); the whole order total when absent. The refund is recorded REFUNDING before WeChat is asked, and a job finishes it if WeChat is slow.',
    scope: 'super',
    body: jsonBody(validateRefund, { id: 42, refund_fee: '0.01', reason: '少发一件' }),
    answers: [{ status: 201, description: 'the refund, as recorded', schema: answer.refund, example: example.refund }],
    errors: ['ORDER.NOT_FOUND', 'REFUND.NOT_ALLOWED', 'MONEY.INVALID'],
    handle: async (ctx, { body }, { useCases }) => {
      const refundFee = body.refund_fee === undefined ? undefined : (parseYuan(body.refund_fee) ?? undefined);
      const refund = await useCases.requestRefund.execute({ orderId: body.id, refundFee, reason: body.reason });
      ctx.status = 201;
      ctx.body = presentRefund(refund);
    },
  }),
];
