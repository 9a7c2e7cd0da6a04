import type { Logger } from 'pino';
import type {
  CatalogReader,
  TokenStore,
  UseCases,
  VerifiedPaymentNotification,
  VerifiedRefundNotification,
} from '../../application/index.js';

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
