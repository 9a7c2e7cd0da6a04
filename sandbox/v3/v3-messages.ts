/**
 * WeChat Pay v3 notification bodies: `{id, create_time, event_type, resource_type, summary,
 * resource}` with the resource encrypted by the merchant's APIv3 key (AEAD_AES_256_GCM, associated
 * data `transaction` or `refund`, a random nonce each time). The signature is added per attempt by
 * the notifier, so a retry hours later carries a fresh timestamp.
 */
import { createHash, randomBytes } from 'node:crypto';
import { formatChinaTime } from '../../src/adapters/system/china-time.js';
import { encryptResource } from '../../src/adapters/wechat/v3/aead.js';
import { formatChinaRfc3339 } from '../../src/adapters/wechat/v3/rfc3339.js';
import type { NotificationMessages } from '../notification-messages.js';
import type { SandboxMerchant } from '../sandbox-merchant.js';
import type { SandboxOrder, SandboxRefund } from '../sandbox-orders.js';
import type { SeededRandom } from '../seeded-random.js';
import { V3_REFUND_STATUS, refundResourceOf, transactionOf } from './v3-shapes.js';

const REFUND_SUMMARY: Record<string, string> = { SUCCESS: '退款成功', ABNORMAL: '退款异常', CLOSED: '退款关闭' };

export class V3Messages implements NotificationMessages {
  constructor(
    private readonly merchant: SandboxMerchant,
    private readonly apiV3Key: string,
    private readonly random: SeededRandom,
    private readonly now: () => Date,
  ) {}

  /** v3 notifies successful payments only. */
  payment(order: SandboxOrder): string | null {
    if (order.state !== 'SUCCESS') return null;
    return this.envelope(`payment:${order.transactionId}`, 'TRANSACTION.SUCCESS', '支付成功', 'transaction', transactionOf(this.merchant, order));
  }

  refund(refund: SandboxRefund): string {
    const status = V3_REFUND_STATUS[refund.status];
    return this.envelope(`refund:${refund.refundId}:${status}`, `REFUND.${status}`, REFUND_SUMMARY[status] ?? status, 'refund', refundResourceOf(this.merchant, refund));
  }

  /** A well-formed TRANSACTION.SUCCESS for the order, paid or not: what a forger would send. */
  probe(order: SandboxOrder): string {
    const timeEnd = order.timeEnd ?? formatChinaTime(this.now());
    const transactionId = order.transactionId ?? `420000${timeEnd.slice(0, 8)}${this.random.digits(14)}`;
    const trade = transactionOf(this.merchant, order, { transactionId, timeEnd });
    return this.envelope(`signtest:${randomBytes(8).toString('hex')}`, 'TRANSACTION.SUCCESS', '支付成功', 'transaction', trade);
  }

  private envelope(idSeed: string, eventType: string, summary: string, associatedData: string, resource: Record<string, unknown>): string {
    const nonce = randomBytes(6).toString('hex');
    return JSON.stringify({
      id: uuidFrom(idSeed),
      create_time: formatChinaRfc3339(this.now()),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: { original_type: associatedData, ...encryptResource(JSON.stringify(resource), this.apiV3Key, nonce, associatedData) },
    });
  }
}

/** The same event keeps its id across duplicates, as WeChat's do. */
function uuidFrom(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
