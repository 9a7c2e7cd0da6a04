import { expect } from 'chai';
import type { AccessTokenStore } from '../../src/application/index.js';

export interface AccessTokenStoreWorld {
  /** Two handles on one store, as two instances of the shop have. */
  readonly stores: readonly [AccessTokenStore, AccessTokenStore];
  /** Lets `seconds` pass for the lock (a clock moved, or real time waited); the `now` to pass afterwards. */
  pass(seconds: number): Promise<Date>;
  now(): Date;
}

/** What every AccessTokenStore promises; run against memory, SQLite, MySQL and Redis. */
export function accessTokenStoreContract(newWorld: () => Promise<AccessTokenStoreWorld>): void {
  describe('AccessTokenStore contract', () => {
    let world: AccessTokenStoreWorld;
    beforeEach(async () => {
      world = await newWorld();
    });
    const aToken = (token: string, now: Date) => ({
      token,
      expiresAt: new Date(now.getTime() + 7_200_000),
      refreshAt: new Date(now.getTime() + 6_900_000),
    });

    it('holds one token for every handle, the last written', async () => {
      const [a, b] = world.stores;
      expect(await a.read()).to.equal(null);
      const now = world.now();
      await a.write(aToken('first-token', now));
      expect(await b.read()).to.deep.equal(aToken('first-token', now));
      await b.write(aToken('second-token', world.now()));
      expect((await a.read())?.token).to.equal('second-token');
    });

    it('gives the refresh lock to one holder at a time, until it is freed', async () => {
      const [a, b] = world.stores;
      expect(await a.lock('owner-a', world.now(), 30)).to.equal(true);
      expect(await b.lock('owner-b', world.now(), 30)).to.equal(false);
      await b.unlock('owner-b');
      expect(await b.lock('owner-b', world.now(), 30)).to.equal(false);
      await a.unlock('owner-a');
      expect(await b.lock('owner-b', world.now(), 30)).to.equal(true);
    });

    it('gives the lock to one of ten racing holders', async () => {
      const [a, b] = world.stores;
      const won = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).lock(`owner-${i}`, world.now(), 30)));
      expect(won.filter(Boolean)).to.have.length(1);
    });

    it('frees the lock of a holder that never gives it back once its time is up', async () => {
      const [a, b] = world.stores;
      expect(await a.lock('owner-a', world.now(), 1)).to.equal(true);
      const later = await world.pass(1.2);
      expect(await b.lock('owner-b', later, 30)).to.equal(true);
      await a.unlock('owner-a');
      expect(await a.lock('owner-a', later, 30)).to.equal(false);
    });
  });
}
