import { wechatV3Answer, wechatXml } from '../schemas/answer-schemas.js';
import { type Answer, type NotificationBody, route } from '../routing/route.js';
import { answerNotification } from './wechat-notification.js';

const XML_SUCCESS = '<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg></xml>';
const XML_FAIL = '<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[rejected]]></return_msg></xml>';
const V3_FAIL = { code: 'FAIL', message: 'rejected' };

/** Either format's refusal at one status: v2's XML FAIL, v3's `{code: FAIL}`. */
const fail = (status: Answer['status'], description: string): Answer[] => [
  { status, description: `${description} (v2 XML, v3 JSON)`, schema: wechatXml, example: XML_FAIL, type: 'application/xml' },
  { status, description: '', schema: wechatV3Answer, example: V3_FAIL, type: 'application/json' },
];

/** WeChat's answers: success when it may stop sending; a refusal (4xx) or failure (5xx) so it sends again. */
const notificationAnswers: Answer[] = [
  { status: 200, description: 'v2: applied, a duplicate, or for an unknown order; WeChat may stop sending', schema: wechatXml, example: XML_SUCCESS, type: 'application/xml' },
  { status: 204, description: 'v3: the same, with no body' },
  ...fail(400, 'rejected (merchant, amount, malformed) or refused: FAIL'),
  { status: 401, description: 'v3: its signature does not verify (headers, timestamp, serial, SIGNTEST probe)', schema: wechatV3Answer, example: V3_FAIL, type: 'application/json' },
  ...fail(413, 'a body over 64 KiB'),
  ...fail('5XX', 'the shop failed to apply it: WeChat sends it again'),
];

const V3_EXAMPLE = {
  id: 'EV-2018022511223320873',
  create_time: '2025-07-23T16:51:02+08:00',
  resource_type: 'encrypt-resource',
  event_type: 'TRANSACTION.SUCCESS',
  summary: '支付成功',
  resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', ciphertext: '…', associated_data: 'transaction', nonce: 'fdasflkja484w' },
};

const v3Notification = {
  type: 'object',
  description: 'WeChat Pay v3: signed in the `Wechatpay-Signature`, `-Timestamp`, `-Nonce` and `-Serial` headers over the raw bytes; `resource` encrypted with the APIv3 key',
  properties: { id: { type: 'string' }, event_type: { type: 'string' }, resource: { type: 'object' } },
  required: ['id', 'event_type', 'resource'],
};

/** v2 XML or v3 JSON, told apart by content, on the one URL. */
const notificationBody = (v2: string, v2Example: string, v3Example: object): NotificationBody => ({
  kind: 'notification',
  description: `WeChat Pay v2’s ${v2} (XML), or v3’s (JSON), told apart by content`,
  content: {
    'text/xml': { schema: { type: 'string', description: 'WeChat Pay v2: signed XML' }, example: v2Example },
    'application/json': { schema: v3Notification, example: v3Example },
  },
});

/** Where WeChat Pay tells the shop what happened. */
export const payRoutes = [
  route({
    operationId: 'paymentNotification',
    method: 'post',
    path: '/pay/notify',
    tag: 'WeChat',
    summary: 'WeChat Pay’s payment notification (called by WeChat)',
    description: 'Verified (signature, appid, mch_id, amount) and applied exactly once; the order becomes PAID.',
    body: notificationBody(
      'signed notification',
      '<xml><appid>wx_sandbox_app</appid><mch_id>1900000109</mch_id><out_trade_no>A7231650123456789</out_trade_no><result_code>SUCCESS</result_code><return_code>SUCCESS</return_code><total_fee>2</total_fee><transaction_id>4200001234202507231234567890</transaction_id><sign>…</sign></xml>',
      V3_EXAMPLE,
    ),
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
    description: 'Opened with the merchant key (v2’s `req_info`, v3’s `resource`); the refund becomes REFUNDED or FAILED.',
    body: notificationBody(
      'refund notification with the encrypted `req_info`',
      '<xml><return_code>SUCCESS</return_code><appid>wx_sandbox_app</appid><mch_id>1900000109</mch_id><req_info>…</req_info></xml>',
      { ...V3_EXAMPLE, event_type: 'REFUND.SUCCESS', summary: '退款成功', resource: { ...V3_EXAMPLE.resource, original_type: 'refund', associated_data: 'refund' } },
    ),
    answers: notificationAnswers,
    // Every refund result is final for WeChat; the refund's own state says what happened.
    handle: (ctx, _input, { refundNotifications, useCases }) =>
      answerNotification(ctx, 'refund', refundNotifications, async (notification) => {
        const { status } = await useCases.handleRefundNotification.execute(notification);
        return { acknowledged: true, outcome: status };
      }),
  }),
];
