import { expect } from 'chai';
import { anAddress } from '../support/mothers.js';
import type { World, WorldFactory } from './worlds.js';

export function addressBookContract(newWorld: WorldFactory): void {
  describe('AddressBook contract', () => {
    let world: World;
    beforeEach(async () => {
      world = await newWorld();
    });

    it('has no address for a user who saved none', async () => {
      expect(await world.addresses.findByUser(1)).to.equal(null);
    });

    it('keeps one address per user: a second save replaces the first, an identical save is fine', async () => {
      await world.addresses.save(1, anAddress());
      await world.addresses.save(2, anAddress({ name: '李四' }));
      await world.addresses.save(1, anAddress({ detail: '新地址 8 号' }));
      await world.addresses.save(1, anAddress({ detail: '新地址 8 号' }));
      expect(await world.addresses.findByUser(1)).to.deep.equal(anAddress({ detail: '新地址 8 号' }));
      expect(await world.addresses.findByUser(2)).to.deep.equal(anAddress({ name: '李四' }));
    });

    it('stamps update_time from the clock it was given', async () => {
      await world.addresses.save(4, anAddress());
      expect((await world.rowTime('address updated', 4))?.toISOString()).to.equal(world.clock.now().toISOString());
      world.clock.advance(60_000);
      await world.addresses.save(4, anAddress({ detail: '新地址 9 号' }));
      expect((await world.rowTime('address updated', 4))?.toISOString()).to.equal(world.clock.now().toISOString());
    });

    it('survives two first saves racing', async () => {
      await Promise.all([world.addresses.save(3, anAddress({ city: '深圳市' })), world.addresses.save(3, anAddress({ city: '深圳市' }))]);
      expect((await world.addresses.findByUser(3))?.city).to.equal('深圳市');
    });
  });
}
