import {
  type Order,
  type Shipment,
  deliveryFacts,
  maskedContact,
  templateData,
} from '../../domain/index.js';
import type { DeliveryMessageConfig } from '../ports/delivery.config.js';
import type { NewOutboxItem } from '../ports/outbox.js';
import type { TransactionalRepositories } from '../ports/unit-of-work.js';

/** WeChat shows `item_desc` to the buyer and takes at most 120 characters. */
const MAX_ITEM_DESC = 120;

export const uploadKey = (orderId: number, seq: number) => `upload:${orderId}:${seq}`;
export const messageKey = (orderId: number, seq: number) => `message:${orderId}:${seq}`;

/**
 * The upload of a shipment, as an outbox item. A shipment WeChat cannot be told about (no
 * logistics type, no payment or payer on record) is written already FAILED with the reason, so
 * the order shows it rather than a silent gap.
 */
export function shippingUploadItem(order: Order, shipment: Shipment, payerOpenid: string | null, at: Date): NewOutboxItem {
  const itemDesc = [...`${order.snapName} 共${order.totalCount}件`].slice(0, MAX_ITEM_DESC).join('');
  const work = {
    kind: 'SHIPPING_UPLOAD',
    orderId: order.id,
    seq: shipment.seq,
    transactionId: order.transactionId ?? '',
    payerOpenid: payerOpenid ?? '',
    logisticsType: shipment.logisticsType,
    parcels: shipment.parcels,
    itemDesc,
    receiverContact: maskedContact(order.snapAddress.mobile),
  } as const;
  const failed = (errorCode: string, errorMessage: string) => ({ status: 'FAILED' as const, errorCode, errorMessage });
  const ended =
    shipment.logisticsType === null
      ? failed('NO_LOGISTICS_TYPE', 'delivered without a logistics type (DELIVERY_LOGISTICS_TYPE is unset): WeChat was not told; re-ship with logistics_type')
      : !order.transactionId
        ? failed('NO_PAYMENT', 'the order has no WeChat transaction id to name it by')
        : !payerOpenid
          ? failed('NO_PAYER', 'the payer\'s openid is not on record')
          : undefined;
  return { key: uploadKey(order.id, shipment.seq), work, createdAt: at, ...(ended ? { ended } : {}) };
}

/**
 * The delivery message, when the buyer allowed one: one acceptance is used in this transaction and
 * the message goes out with the outbox. No acceptance, no message. Values WeChat would refuse are
 * recorded as a FAILED message and leave the acceptance unused.
 */
export async function addDeliveryMessage(
  tx: TransactionalRepositories,
  config: DeliveryMessageConfig | null,
  order: Order,
  shipment: Shipment,
  openid: string | null,
  at: Date,
): Promise<void> {
  if (!config || !openid) return;
  const built = templateData(config.fields, deliveryFacts(order, shipment));
  const work = {
    kind: 'SUBSCRIBE_MESSAGE',
    orderId: order.id,
    openid,
    templateId: config.templateId,
    page: config.page?.replaceAll('{id}', String(order.id)) ?? null,
    miniprogramState: config.miniprogramState,
    data: built.ok ? built.data : {},
  } as const;
  const key = messageKey(order.id, shipment.seq);
  if (!built.ok) {
    if ((await tx.consents.remaining(order.userId, config.templateId)) === 0) return;
    await tx.outbox.add({ key, work, createdAt: at, ended: { status: 'FAILED', errorCode: 'INVALID_VALUE', errorMessage: built.problems.join('; ') } });
    return;
  }
  if (!(await tx.consents.consume(order.userId, config.templateId, at))) return;
  await tx.outbox.add({ key, work, createdAt: at });
}
