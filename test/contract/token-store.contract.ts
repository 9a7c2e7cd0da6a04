import { expect } from 'chai';
import type { TokenStore } from '../../src/application/index.js';

export interface TokenStoreWorld {
  readonly tokens: TokenStore;
  /** Lets `seconds` pass for the store (a clock moved, or real time waited). */
  pass(seconds: number): Promise<void>;
}

/** What every TokenStore promises; run against memory and Redis. */
export function tokenStoreContract(newWorld: () => Promise<TokenStoreWorld>): void {
  describe('TokenStore contract', () => {
    let world: TokenStoreWorld;
    beforeEach(async () => {
      world = await newWorld();
    });

    it('issues a token of at least 128 random bits that verifies to its identity', async () => {
      const token = await world.tokens.issue({ uid: 7, scope: 'user', openid: 'openid-7' }, 60);
      expect(token).to.match(/^[0-9a-f]{32,}$/);
      expect(await world.tokens.verify(token)).to.deep.equal({ uid: 7, scope: 'user', openid: 'openid-7' });
    });

    it('issues a different token every time, each with its own identity', async () => {
      const tokens = await Promise.all(
        Array.from({ length: 50 }, (_, i) => world.tokens.issue({ uid: i + 1, scope: i % 2 ? 'super' : 'user', openid: `o${i}` }, 60)),
      );
      expect(new Set(tokens).size).to.equal(50);
      expect(await world.tokens.verify(tokens[9]!)).to.deep.equal({ uid: 10, scope: 'super', openid: 'o9' });
    });

    it('answers null for unknown, empty and malformed tokens', async () => {
      for (const token of ['0'.repeat(32), '', 'not a token', 'x'.repeat(10_000), '*', '../../etc']) {
        expect(await world.tokens.verify(token), token.slice(0, 20)).to.equal(null);
      }
    });

    it('forgets a revoked token and leaves the others', async () => {
      const kept = await world.tokens.issue({ uid: 1, scope: 'user', openid: 'a' }, 60);
      const revoked = await world.tokens.issue({ uid: 2, scope: 'user', openid: 'b' }, 60);
      await world.tokens.revoke(revoked);
      expect(await world.tokens.verify(revoked)).to.equal(null);
      expect(await world.tokens.verify(kept)).to.not.equal(null);
    });

    it('expires a token after its TTL', async () => {
      const short = await world.tokens.issue({ uid: 1, scope: 'user', openid: 'a' }, 1);
      const long = await world.tokens.issue({ uid: 2, scope: 'user', openid: 'b' }, 60);
      await world.pass(1.2);
      expect(await world.tokens.verify(short)).to.equal(null);
      expect(await world.tokens.verify(long)).to.deep.include({ uid: 2 });
    });
  });
}
