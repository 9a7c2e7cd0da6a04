import type { NotificationRecord, PaymentNotificationLog } from '../../application/index.js';
import type { MemoryDatabase } from './memory.database.js';

export class MemoryPaymentNotificationLog implements PaymentNotificationLog {
  constructor(private readonly db: MemoryDatabase) {}

  async record(entry: NotificationRecord): Promise<boolean> {
    const { notifications } = this.db.state;
    if (notifications.has(entry.transactionId)) return false;
    notifications.set(entry.transactionId, { ...entry });
    return true;
  }

  async find(transactionId: string): Promise<NotificationRecord | null> {
    return this.db.state.notifications.get(transactionId) ?? null;
  }

  async count(): Promise<number> {
    return this.db.state.notifications.size;
  }
}
