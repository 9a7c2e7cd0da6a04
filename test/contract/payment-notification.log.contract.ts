import { expect } from 'chai';
import type { NotificationRecord } from '../../src/application/index.js';
import type { World, WorldFactory } from './worlds.js';

export function paymentNotificationLogContract(newWorld: WorldFactory): void {
  describe('PaymentNotificationLog contract', () => {
    let world: World;
    beforeEach(async () => {
      world = await newWorld();
    });

    const entry = (overrides: Partial<NotificationRecord> = {}): NotificationRecord => ({
      transactionId: '4200000001202611241234567890',
      outTradeNo: '20261124120000000123',
      orderId: 12,
      totalFee: 4_294_967_296,
      outcome: 'PAID',
      receivedAt: new Date('2026-11-24T04:00:00.123Z'),
      ...overrides,
    });

    it('records a transaction id once; the second record answers false and keeps the first', async () => {
      expect(await world.notifications.record(entry())).to.equal(true);
      expect(await world.notifications.record(entry({ outcome: 'ALREADY_SETTLED' }))).to.equal(false);
      expect(await world.notifications.find(entry().transactionId)).to.deep.equal(entry());
      expect(await world.notifications.count()).to.equal(1);
    });

    it('keeps notifications for unknown orders and answers null for an unknown transaction', async () => {
      await world.notifications.record(entry({ transactionId: 'T-unknown', orderId: null, outcome: 'UNKNOWN_ORDER' }));
      expect((await world.notifications.find('T-unknown'))?.orderId).to.equal(null);
      expect(await world.notifications.find('T-none')).to.equal(null);
      expect(await world.notifications.count()).to.equal(1);
    });
  });
}
