import { expect } from 'chai';
import type { World, WorldFactory } from './worlds.js';

export function userRepositoryContract(newWorld: WorldFactory): void {
  describe('UserRepository contract', () => {
    let world: World;
    beforeEach(async () => {
      world = await newWorld();
    });

    it('creates a user on first login and finds the same one after', async () => {
      const created = await world.users.findOrCreateByOpenid('oHvB15ZDwnVeVL-ABCDEFGHIJKL');
      const again = await world.users.findOrCreateByOpenid('oHvB15ZDwnVeVL-ABCDEFGHIJKL');
      expect(again).to.deep.equal(created);
      expect(await world.users.findById(created.id)).to.deep.equal(created);
      expect(await world.users.findById(created.id + 1000)).to.equal(null);
    });

    it('stamps create_time from the clock it was given', async () => {
      const user = await world.users.findOrCreateByOpenid('o-clock');
      expect((await world.rowTime('user created', user.id))?.toISOString()).to.equal(world.clock.now().toISOString());
    });

    it('tells openids apart by case', async () => {
      const upper = await world.users.findOrCreateByOpenid('oAbC');
      const lower = await world.users.findOrCreateByOpenid('oabc');
      expect(upper.id).to.not.equal(lower.id);
    });

    it('creates one user when ten first logins race', async () => {
      const users = await Promise.all(Array.from({ length: 10 }, () => world.users.findOrCreateByOpenid('o-racing')));
      expect(new Set(users.map((user) => user.id)).size).to.equal(1);
    });
  });
}
