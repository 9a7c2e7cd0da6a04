import type { Logger } from 'pino';
import type {
  CatalogReader,
  DeliverOrder,
  GetAddress,
  GetOrderDetail,
  HandlePaymentNotification,
  HandleRefundNotification,
  IssueAppToken,
  ListAllOrders,
  ListMyOrders,
  LoginWithWeChat,
  PlaceOrder,
  PreparePayment,
  RequestRefund,
  SaveAddress,
  TokenStore,
  VerifiedPaymentNotification,
  VerifiedRefundNotification,
  VerifyToken,
} from '../../application/index.js';

export interface UseCases {
  readonly loginWithWeChat: LoginWithWeChat;
  readonly issueAppToken: IssueAppToken;
  readonly verifyToken: VerifyToken;
  readonly saveAddress: SaveAddress;
  readonly getAddress: GetAddress;
  readonly placeOrder: PlaceOrder;
  readonly listMyOrders: ListMyOrders;
  readonly getOrderDetail: GetOrderDetail;
  readonly listAllOrders: ListAllOrders;
  readonly deliverOrder: DeliverOrder;
  readonly preparePayment: PreparePayment;
  readonly handlePaymentNotification: HandlePaymentNotification;
  readonly requestRefund: RequestRefund;
  readonly handleRefundNotification: HandleRefundNotification;
}

/**
 * WeChat's notification wire format: `decode` parses and verifies (signature, appid, mch_id)
 * and throws on anything it rejects; `answer` builds the XML WeChat reads.
 */
export interface NotificationCodec<T = VerifiedPaymentNotification> {
  decode(rawXml: string): T | Promise<T>;
  answer(success: boolean, message?: string): string;
}

/** A backing service the readiness check pings. */
export interface ReadinessCheck {
  readonly name: string;
  ping(): Promise<void>;
}

export interface HttpDeps {
  readonly useCases: UseCases;
  readonly catalog: CatalogReader;
  readonly tokens: TokenStore;
  readonly notifications: NotificationCodec;
  /** Refund results: `decode` opens and checks the encrypted `req_info`. */
  readonly refundNotifications: NotificationCodec<VerifiedRefundNotification>;
  readonly readiness: readonly ReadinessCheck[];
  readonly logger: Logger;
}
