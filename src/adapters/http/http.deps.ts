import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import type { PushEndpoint } from './routes/wechat-push.js';
import type {
  CatalogReader,
  TokenStore,
  UseCases,
  VerifiedPaymentNotification,
  VerifiedRefundNotification,
} from '../../application/index.js';

/** A notification as it arrived: its headers and the exact bytes of its body (what a v3 signature covers). */
export interface RawNotification {
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/**
 * One of WeChat's notification wire formats: `decode` verifies (signature, appid, mch_id) and
 * parses, throwing on anything it rejects; `answer` builds the body WeChat reads.
 */
export interface NotificationCodec<T = VerifiedPaymentNotification> {
  /** Named in logs (`v2`, `v3`). */
  readonly protocol?: string;
  /** Whether a message is in this format, told apart by content; absent: every message is. */
  recognizes?(raw: RawNotification): boolean;
  decode(raw: RawNotification): T | Promise<T>;
  answer(success: boolean, message?: string): string;
  /** The answer's content type; `application/xml` (v2's) when absent. */
  readonly contentType?: string;
  /** The status of a success answer; 200 when absent (v3 answers 204 without a body). */
  readonly successStatus?: number;
  /** The status refusing what `decode` threw; 400 when absent. */
  rejectionStatus?(error: unknown): number;
}

/**
 * The formats one notify URL takes: the first codec that recognizes a message decodes and answers
 * it; a message none recognizes (or too large to read) is refused in the first one's format.
 */
export type NotificationCodecs<T> = NotificationCodec<T> | readonly NotificationCodec<T>[];

/** A backing service the readiness check pings. */
export interface ReadinessCheck {
  readonly name: string;
  ping(): Promise<void>;
}

/** A fact `/readyz` reports beside its checks, without making the shop unready (`is_trade_managed`, say). */
export interface ReadinessDetail {
  readonly name: string;
  read(): Promise<unknown>;
}

export interface HttpDeps {
  readonly useCases: UseCases;
  readonly catalog: CatalogReader;
  readonly tokens: TokenStore;
  /** Payment results, on `POST pay/notify`. */
  readonly notifications: NotificationCodecs<VerifiedPaymentNotification>;
  /** Refund results, on `POST pay/refund_notify`: v2's encrypted `req_info`, v3's signed and encrypted resource. */
  readonly refundNotifications: NotificationCodecs<VerifiedRefundNotification>;
  readonly readiness: readonly ReadinessCheck[];
  readonly logger: Logger;
  /** Facts `/readyz` reports; none unless given. */
  readonly readinessDetails?: readonly ReadinessDetail[];
  /** The mini-program's message push; the route answers 404 without it. */
  readonly push?: PushEndpoint;
}
