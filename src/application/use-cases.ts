import { DeliverOrder } from './deliver-order/deliver-order.use-case.js';
import { GetAddress } from './get-address/get-address.use-case.js';
import { GetOrderDetail } from './get-order-detail/get-order-detail.use-case.js';
import { HandlePaymentNotification } from './handle-payment-notification/handle-payment-notification.use-case.js';
import { HandleTradeEvent } from './handle-trade-event/handle-trade-event.use-case.js';
import { ListDeliveries } from './list-deliveries/list-deliveries.use-case.js';
import { RecordSubscribeConsents } from './record-subscribe-consents/record-subscribe-consents.use-case.js';
import { SendOutbox } from './send-outbox/send-outbox.use-case.js';
import { HandleRefundNotification } from './handle-refund-notification/handle-refund-notification.use-case.js';
import { InspectOrder } from './inspect-order/inspect-order.use-case.js';
import { IssueAppToken } from './issue-app-token/issue-app-token.use-case.js';
import { ListAllOrders } from './list-all-orders/list-all-orders.use-case.js';
import { ListMyOrders } from './list-my-orders/list-my-orders.use-case.js';
import { LoginWithWeChat } from './login-with-wechat/login-with-wechat.use-case.js';
import { PlaceOrder } from './place-order/place-order.use-case.js';
import { PreparePayment } from './prepare-payment/prepare-payment.use-case.js';
import { RecordRefundResult } from './record-refund-result/record-refund-result.use-case.js';
import { RequestRefund } from './request-refund/request-refund.use-case.js';
import { SaveAddress } from './save-address/save-address.use-case.js';
import { ShowDeliveryOptions } from './show-delivery-options/show-delivery-options.use-case.js';
import { SettleDueOrders } from './settle-due-orders/settle-due-orders.use-case.js';
import { SettleUnpaidOrder } from './settle-unpaid-order/settle-unpaid-order.use-case.js';
import { SubmitRefund } from './submit-refund/submit-refund.use-case.js';
import { SyncRefunds } from './sync-refunds/sync-refunds.use-case.js';
import { VerifyToken } from './verify-token/verify-token.use-case.js';

/**
 * Every use case, by the name its callers use. The composition root binds and resolves each entry
 * (one singleton per shop); the HTTP adapter and the lifecycle jobs receive the resolved table.
 * A new use case is its folder plus one line here.
 */
export const useCaseClasses = {
  loginWithWeChat: LoginWithWeChat,
  issueAppToken: IssueAppToken,
  verifyToken: VerifyToken,
  saveAddress: SaveAddress,
  getAddress: GetAddress,
  placeOrder: PlaceOrder,
  listMyOrders: ListMyOrders,
  getOrderDetail: GetOrderDetail,
  listAllOrders: ListAllOrders,
  inspectOrder: InspectOrder,
  deliverOrder: DeliverOrder,
  showDeliveryOptions: ShowDeliveryOptions,
  preparePayment: PreparePayment,
  handlePaymentNotification: HandlePaymentNotification,
  settleUnpaidOrder: SettleUnpaidOrder,
  settleDueOrders: SettleDueOrders,
  submitRefund: SubmitRefund,
  recordRefundResult: RecordRefundResult,
  requestRefund: RequestRefund,
  syncRefunds: SyncRefunds,
  handleRefundNotification: HandleRefundNotification,
  listDeliveries: ListDeliveries,
  sendOutbox: SendOutbox,
  recordSubscribeConsents: RecordSubscribeConsents,
  handleTradeEvent: HandleTradeEvent,
} as const;

/** The use cases of one shop, resolved. */
export type UseCases = { readonly [K in keyof typeof useCaseClasses]: InstanceType<(typeof useCaseClasses)[K]> };
