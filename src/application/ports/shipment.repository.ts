import type { Shipment } from '../../domain/index.js';

export const ShipmentRepository = Symbol('ShipmentRepository');
export interface ShipmentRepository {
  /** Records a shipment unless the order already has one of that `seq`; false then. Run inside the delivery's unit of work. */
  add(shipment: Shipment): Promise<boolean>;
  /** The order's shipments, first first. */
  listByOrder(orderId: number): Promise<Shipment[]>;
  /** The shipments of several orders in one read (a page of the CMS list). */
  listByOrders(orderIds: readonly number[]): Promise<Shipment[]>;
}
