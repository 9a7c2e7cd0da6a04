export { type SignType, isSignType, sign, verifySignature, canonicalString } from './sign.js';
export { MAX_XML_BYTES, XmlMessageError, buildXmlMessage, parseXmlMessage, type XmlFields } from './xml.js';
export { WeChatPayClient, type WeChatPayClientOptions } from './wechat-pay.client.js';
export { WeChatLoginClient, type WeChatLoginClientOptions } from './wechat-login.client.js';
export {
  NotificationRejected,
  type NotificationRejectionReason,
  answerXml,
  decodePaymentNotification,
  paymentNotificationCodec,
} from './payment-notification.codec.js';
export {
  type WeChatConfig,
  type WeChatPayApiVersion,
  type WeChatV2Config,
  WECHAT_PAY_API_VERSIONS,
  loadWeChatConfig,
  WECHAT_API_BASE,
  WECHAT_PAY_API_BASE,
} from './wechat.config.js';
export { isV2Notification, isV3Notification, v3RejectionStatus } from './notification-protocol.js';
export { RefundNotificationRejected, type RefundNotificationRejectionReason, decodeRefundNotification } from './refund-notification.codec.js';
export { decryptReqInfo, encryptReqInfo, refundAesKey } from './refund-req-info.js';
export * from './v3/index.js';
