import type { Kysely } from 'kysely';
import { OrderStatus } from '../../domain/index.js';
import type { DueOrdersQuery, OrderSettlementQueue } from '../../application/index.js';
import type { DB } from './schema.js';
import { leaseFreeAt } from './lease.js';
import { toNumber } from './rows.js';

export class KyselyOrderSettlementQueue implements OrderSettlementQueue {
  constructor(private readonly db: Kysely<DB>) {}

  async findDue({ now, createdBefore, attemptBefore, limit }: DueOrdersQuery): Promise<number[]> {
    const rows = await this.db
      .selectFrom('order')
      .select('order.id')
      .where('order.status', '=', OrderStatus.UNPAID)
      .where((eb) =>
        eb.or([
          eb('order.create_time', '<', createdBefore.getTime()),
          eb.exists(
            eb
              .selectFrom('payment_attempt')
              .select('payment_attempt.id')
              .whereRef('payment_attempt.order_id', '=', 'order.id')
              .where('payment_attempt.created_at', '<', attemptBefore.getTime()),
          ),
        ]),
      )
      .where((eb) => leaseFreeAt(eb, 'order.settlement_lease_until', now))
      .orderBy('order.create_time')
      .orderBy('order.id')
      .limit(limit)
      .execute();
    return rows.map((row) => toNumber(row.id));
  }

  /** A compare-and-set on the lease column: of two workers, one updates the row. */
  async claim(orderId: number, now: Date, until: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('order')
      .set({ settlement_lease_until: until.getTime() })
      .where('id', '=', orderId)
      .where((eb) => leaseFreeAt(eb, 'settlement_lease_until', now))
      .executeTakeFirst();
    return toNumber(result.numUpdatedRows) === 1;
  }
}
