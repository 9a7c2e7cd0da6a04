import { expect } from 'chai';
import type { NewOutboxItem, OutboxWork } from '../../src/application/index.js';
import type { Shipment } from '../../src/domain/index.js';
import type { World, WorldFactory } from './worlds.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 4, minute));

const aShipment = (overrides: Partial<Shipment> = {}): Shipment => ({
  orderId: 1,
  seq: 1,
  logisticsType: 'EXPRESS',
  parcels: [
    { carrierCode: 'SF', trackingNo: 'SF1234567890' },
    { carrierCode: 'ZTO', trackingNo: '7531' },
  ],
  shippedAt: at(0),
  ...overrides,
});

const anUpload = (orderId: number, seq = 1): OutboxWork => ({
  kind: 'SHIPPING_UPLOAD',
  orderId,
  seq,
  transactionId: `42000${orderId}`,
  payerOpenid: 'o-alice',
  logisticsType: 'SAME_CITY',
  parcels: [],
  itemDesc: '商品1等 共3件',
  receiverContact: '138****8000',
});

const anItem = (key: string, orderId: number, minute: number, overrides: Partial<NewOutboxItem> = {}): NewOutboxItem => ({
  key,
  work: anUpload(orderId),
  createdAt: at(minute),
  ...overrides,
});

/** ShipmentRepository, Outbox, SubscribeConsents and OrderTradeLog: what every backend promises. */
export function deliveryContracts(newWorld: WorldFactory): void {
  let world: World;
  beforeEach(async () => {
    world = await newWorld();
  });

  describe('ShipmentRepository contract', () => {
    it('records each shipment of an order once per seq and reads them back in order, parcels and all', async () => {
      expect(await world.shipments.add(aShipment({ seq: 2, logisticsType: null, parcels: [], shippedAt: at(5) }))).to.equal(true);
      expect(await world.shipments.add(aShipment())).to.equal(true);
      expect(await world.shipments.add(aShipment({ logisticsType: 'VIRTUAL', parcels: [] }))).to.equal(false);
      await world.shipments.add(aShipment({ orderId: 2, logisticsType: 'SELF_PICKUP', parcels: [] }));
      expect(await world.shipments.listByOrder(1)).to.deep.equal([aShipment(), aShipment({ seq: 2, logisticsType: null, parcels: [], shippedAt: at(5) })]);
      expect((await world.shipments.listByOrders([2, 3])).map((s) => [s.orderId, s.logisticsType])).to.deep.equal([[2, 'SELF_PICKUP']]);
      expect(await world.shipments.listByOrders([])).to.deep.equal([]);
    });

    it('lets one of two racing writes of the same shipment win', async () => {
      const results = await Promise.all([world.shipments.add(aShipment()), world.shipments.add(aShipment())]);
      expect(results.filter(Boolean)).to.have.length(1);
    });
  });

  describe('Outbox contract', () => {
    it('writes an item once per key, PENDING or already ended, and reads it back', async () => {
      expect(await world.outbox.add(anItem('upload:1:1', 1, 0))).to.equal(true);
      expect(await world.outbox.add(anItem('upload:1:1', 1, 1))).to.equal(false);
      const ended = { status: 'FAILED' as const, errorCode: 'NO_LOGISTICS_TYPE', errorMessage: 'nothing to tell' };
      await world.outbox.add(anItem('upload:2:1', 2, 1, { ended }));
      expect(await world.outbox.find('upload:1:1')).to.deep.equal({
        key: 'upload:1:1',
        kind: 'SHIPPING_UPLOAD',
        orderId: 1,
        work: anUpload(1),
        status: 'PENDING',
        tries: 0,
        errorCode: null,
        errorMessage: null,
        createdAt: at(0),
        updatedAt: at(0),
      });
      expect(await world.outbox.find('upload:2:1')).to.deep.include({ status: 'FAILED', errorCode: 'NO_LOGISTICS_TYPE', errorMessage: 'nothing to tell' });
      expect((await world.outbox.listByOrders([2, 9])).map((item) => item.key)).to.deep.equal(['upload:2:1']);
      expect(await world.outbox.find('none')).to.equal(null);
    });

    it('hands out due items oldest first, each to one worker while its lease lives, counting tries', async () => {
      await world.outbox.add(anItem('late', 2, 3));
      await world.outbox.add(anItem('early', 1, 1));
      await world.outbox.add(anItem('ended', 3, 0, { ended: { status: 'SKIPPED', errorCode: 'X', errorMessage: 'x' } }));
      expect(await world.outbox.findDue(at(10), 10)).to.deep.equal(['early', 'late']);
      expect(await world.outbox.claim('early', at(10), at(12))).to.equal(true);
      expect(await world.outbox.claim('early', at(11), at(13))).to.equal(false);
      expect(await world.outbox.claim('ended', at(11), at(13))).to.equal(false);
      expect(await world.outbox.findDue(at(11), 10)).to.deep.equal(['late']);
      expect(await world.outbox.claim('early', at(12), at(14))).to.equal(true);
      expect((await world.outbox.find('early'))?.tries).to.equal(2);
    });

    it('claims an item for one of ten racing workers', async () => {
      await world.outbox.add(anItem('raced', 1, 0));
      const claims = await Promise.all(Array.from({ length: 10 }, () => world.outbox.claim('raced', at(1), at(3))));
      expect(claims.filter(Boolean)).to.have.length(1);
    });

    it('ends a PENDING item once, and leaves one for a later try with the reason', async () => {
      await world.outbox.add(anItem('a', 1, 0));
      await world.outbox.add(anItem('b', 2, 0));
      await world.outbox.retryAt('a', at(5), { code: '10060001', message: '支付单不存在' }, at(4));
      expect(await world.outbox.findDue(at(4), 10)).to.deep.equal(['b']);
      expect(await world.outbox.find('a')).to.deep.include({ status: 'PENDING', errorCode: '10060001', errorMessage: '支付单不存在' });
      expect(await world.outbox.findDue(at(5), 10)).to.deep.equal(['a', 'b']);
      expect(await world.outbox.end('a', { status: 'DONE', at: at(6) })).to.equal(true);
      expect(await world.outbox.end('a', { status: 'FAILED', errorCode: '1', errorMessage: 'late', at: at(7) })).to.equal(false);
      const done = await world.outbox.find('a');
      expect(done).to.deep.include({ status: 'DONE', errorCode: '10060001' });
      expect(done?.updatedAt.toISOString()).to.equal(at(6).toISOString());
      await world.outbox.end('b', { status: 'FAILED', errorCode: '43101', errorMessage: 'x'.repeat(400), at: at(6) });
      expect((await world.outbox.find('b'))?.errorMessage).to.have.length(255);
    });
  });

  describe('SubscribeConsents contract', () => {
    it('counts each acceptance once and uses them one at a time, per user and template', async () => {
      expect(await world.consents.remaining(1, 'T1')).to.equal(0);
      expect(await world.consents.consume(1, 'T1', at(0))).to.equal(false);
      expect(await world.consents.grant(1, 'T1', 1, at(0))).to.equal(1);
      expect(await world.consents.grant(1, 'T1', 1, at(1))).to.equal(2);
      expect(await world.consents.grant(2, 'T1', 1, at(1))).to.equal(1);
      expect(await world.consents.consume(1, 'T1', at(2))).to.equal(true);
      expect(await world.consents.remaining(1, 'T1')).to.equal(1);
      expect(await world.consents.remaining(1, 't1')).to.equal(0);
    });

    it('never uses more acceptances than there are when uses race, and never loses a grant when grants race', async () => {
      await Promise.all(Array.from({ length: 5 }, () => world.consents.grant(3, 'T', 1, at(0))));
      expect(await world.consents.remaining(3, 'T')).to.equal(5);
      const used = await Promise.all(Array.from({ length: 8 }, () => world.consents.consume(3, 'T', at(1))));
      expect(used.filter(Boolean)).to.have.length(5);
      expect(await world.consents.remaining(3, 'T')).to.equal(0);
    });
  });

  describe('OrderTradeLog contract', () => {
    it('records reminders and settlement facts per order, keeping facts an event leaves out', async () => {
      await world.tradeLog.recordReminder(1, at(1));
      await world.tradeLog.recordReminder(1, at(2));
      await world.tradeLog.recordSettlement(1, { confirmedAt: at(3), confirmMethod: 1, settledAt: null });
      await world.tradeLog.recordSettlement(1, { confirmedAt: null, confirmMethod: null, settledAt: at(4) });
      await world.tradeLog.recordSettlement(2, { confirmedAt: null, confirmMethod: 2, settledAt: null });
      expect(await world.tradeLog.listByOrders([1, 2, 3])).to.deep.equal([
        { orderId: 1, remindedAt: at(2), remindCount: 2, confirmedAt: at(3), confirmMethod: 1, settledAt: at(4) },
        { orderId: 2, remindedAt: null, remindCount: 0, confirmedAt: null, confirmMethod: 2, settledAt: null },
      ]);
      expect(await world.tradeLog.listByOrders([])).to.deep.equal([]);
    });
  });
}
