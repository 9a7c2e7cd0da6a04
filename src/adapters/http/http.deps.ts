import type { Logger } from 'pino';
import type {
  CatalogReader,
  DeliverOrder,
  GetAddress,
  GetOrderDetail,
  HandlePaymentNotification,
  IssueAppToken,
  ListAllOrders,
  ListMyOrders,
  LoginWithWeChat,
  PlaceOrder,
  PreparePayment,
  SaveAddress,
  TokenStore,
  VerifiedPaymentNotification,
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
}

/**
 * WeChat's notification wire format: `decode` parses and verifies (signature, appid, mch_id)
 * and throws on anything it rejects; `answer` builds the XML WeChat reads.
 */
export interface NotificationCodec {
  decode(rawXml: string): VerifiedPaymentNotification | Promise<VerifiedPaymentNotification>;
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
  readonly readiness: readonly ReadinessCheck[];
  readonly logger: Logger;
}
