import { expect } from 'chai';
import type { World, WorldFactory } from './worlds.js';

export function thirdAppRepositoryContract(newWorld: WorldFactory): void {
  describe('ThirdAppRepository contract', () => {
    let world: World;
    beforeEach(async () => {
      world = await newWorld();
      await world.addThirdApp({ id: 1, appId: 'weshop-admin', secretHash: 'scrypt$c2FsdA==$a2V5', scope: 'super' });
    });

    it('finds an app by its id, with the stored hash and scope', async () => {
      expect(await world.thirdApps.findByAppId('weshop-admin')).to.deep.equal({
        id: 1,
        appId: 'weshop-admin',
        secretHash: 'scrypt$c2FsdA==$a2V5',
        scope: 'super',
      });
    });

    it('answers null for an unknown app id, and app ids are exact', async () => {
      expect(await world.thirdApps.findByAppId('nobody')).to.equal(null);
      expect(await world.thirdApps.findByAppId('WESHOP-ADMIN')).to.equal(null);
      // MySQL's PAD SPACE collations ignore trailing spaces: each spelling would get its own failure limit.
      expect(await world.thirdApps.findByAppId('weshop-admin ')).to.equal(null);
      expect(await world.thirdApps.findByAppId('weshop-admin   ')).to.equal(null);
    });
  });
}
