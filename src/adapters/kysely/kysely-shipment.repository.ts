import type { Kysely, Selectable } from 'kysely';
import type { LogisticsType, Parcel, Shipment } from '../../domain/index.js';
import type { ShipmentRepository } from '../../application/index.js';
import type { DB } from './schema.js';
import type { ShipmentTable } from './delivery-tables.js';
import { isDuplicateKey, parseJson, toDate, toNumber } from './rows.js';

export class KyselyShipmentRepository implements ShipmentRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async add(shipment: Shipment): Promise<boolean> {
    try {
      await this.db
        .insertInto('shipment')
        .values({
          order_id: shipment.orderId,
          seq: shipment.seq,
          logistics_type: shipment.logisticsType,
          parcels: JSON.stringify(shipment.parcels.map(({ carrierCode, trackingNo }) => ({ carrierCode, trackingNo }))),
          shipped_at: shipment.shippedAt.getTime(),
        })
        .execute();
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async listByOrder(orderId: number): Promise<Shipment[]> {
    return this.listByOrders([orderId]);
  }

  async listByOrders(orderIds: readonly number[]): Promise<Shipment[]> {
    if (orderIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('shipment')
      .selectAll()
      .where('order_id', 'in', [...orderIds])
      .orderBy('order_id')
      .orderBy('seq')
      .execute();
    return rows.map(toShipment);
  }
}

function toShipment(row: Selectable<ShipmentTable>): Shipment {
  return {
    orderId: toNumber(row.order_id),
    seq: toNumber(row.seq),
    logisticsType: row.logistics_type as LogisticsType | null,
    parcels: parseJson<Parcel[]>(row.parcels),
    shippedAt: toDate(row.shipped_at),
  };
}
