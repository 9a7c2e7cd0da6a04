import type { Shipment } from '../../domain/index.js';
import type { ShipmentRepository } from '../../application/index.js';
import type { MemoryDatabase } from './memory.database.js';

export class MemoryShipmentRepository implements ShipmentRepository {
  constructor(private readonly db: MemoryDatabase) {}

  async add(shipment: Shipment): Promise<boolean> {
    const key = `${shipment.orderId}:${shipment.seq}`;
    if (this.db.state.shipments.has(key)) return false;
    this.db.state.shipments.set(key, structuredClone(shipment));
    return true;
  }

  async listByOrder(orderId: number): Promise<Shipment[]> {
    return this.listByOrders([orderId]);
  }

  async listByOrders(orderIds: readonly number[]): Promise<Shipment[]> {
    const wanted = new Set(orderIds);
    return [...this.db.state.shipments.values()]
      .filter((shipment) => wanted.has(shipment.orderId))
      .sort((a, b) => a.orderId - b.orderId || a.seq - b.seq)
      .map((shipment) => structuredClone(shipment));
  }
}
