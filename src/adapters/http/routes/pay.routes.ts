import { wechatXml } from '../schemas/answer-schemas.js';
import { route } from '../routing/route.js';
import { answerNotification } from './wechat-notification.js';

const SUCCESS = '<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg></xml>';
const FAIL = '<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[rejected]]></return_msg></xml>';

/** WeChat's answers: SUCCESS when it may stop sending; FAIL (with a 4xx or 5xx) so it sends again. */
const notificationAnswers = [
  { status: 200, description: 'applied, a duplicate, or for an unknown order: WeChat may stop sending', schema: wechatXml, example: SUCCESS, type: 'application/xml' },
  { status: 400, description: 'rejected (signature, merchant, amount) or refused: FAIL', schema: wechatXml, example: FAIL, type: 'application/xml' },
  { status: 413, description: 'a body over 64 KiB: FAIL', schema: wechatXml, example: FAIL, type: 'application/xml' },
  { status: '5XX', description: 'the shop failed to apply it: FAIL, WeChat sends it again', schema: wechatXml, example: FAIL, type: 'application/xml' },
] as const;

/** Where WeChat Pay tells the shop what happened: signed XML in, WeChat's XML out. */
export const payRoutes = [
  route({
    operationId: 'paymentNotification',
    method: 'post',
    path: '/pay/notify',
    tag: 'WeChat',
    summary: 'WeChat Pay’s payment notification (called by WeChat)',
    description: 'Verified (signature, appid, mch_id, amount) and applied exactly once; the order becomes PAID.',
    body: {
      kind: 'xml',
      description: 'WeChat Pay v2’s signed notification',
      example: '<xml><appid>wx_sandbox_app</appid><mch_id>1900000109</mch_id><out_trade_no>A7231650123456789</out_trade_no><result_code>SUCCESS</result_code><return_code>SUCCESS</return_code><total_fee>2</total_fee><transaction_id>4200001234202507231234567890</transaction_id><sign>…</sign></xml>',
    },
    answers: notificationAnswers,
    // Applied, duplicate and unknown-order notifications are final; an amount mismatch is not.
    handle: (ctx, _input, { notifications, useCases }) =>
      answerNotification(ctx, 'payment', notifications, (notification) => useCases.handlePaymentNotification.execute(notification)),
  }),
  route({
    operationId: 'refundNotification',
    method: 'post',
    path: '/pay/refund_notify',
    tag: 'WeChat',
    summary: 'WeChat Pay’s refund notification (called by WeChat)',
    description: 'Its `req_info` is opened with the merchant key; the refund becomes REFUNDED or FAILED.',
    body: {
      kind: 'xml',
      description: 'WeChat Pay v2’s refund notification with the encrypted `req_info`',
      example: '<xml><return_code>SUCCESS</return_code><appid>wx_sandbox_app</appid><mch_id>1900000109</mch_id><req_info>…</req_info></xml>',
    },
    answers: notificationAnswers,
    // Every refund result is final for WeChat; the refund's own state says what happened.
    handle: (ctx, _input, { refundNotifications, useCases }) =>
      answerNotification(ctx, 'refund', refundNotifications, async (notification) => {
        const { status } = await useCases.handleRefundNotification.execute(notification);
        return { acknowledged: true, outcome: status };
      }),
  }),
];
