import { expect } from 'chai';
import { FixedClock } from '../../../../src/adapters/fakes/fixed.clock.js';
import { MemoryAccessTokenStore } from '../../../../src/adapters/in-process/memory-access-token.store.js';
import { type FetchedToken, SharedAccessToken } from '../../../../src/adapters/wechat/mini-program/shared-access-token.js';

/** A stand-in for `stable_token`: counts calls, hands out `token-1`, `token-2`, … (the same one until told otherwise). */
function stableToken(expiresInSeconds = 7200) {
  const calls: boolean[] = [];
  let current = 1;
  let lifetime = expiresInSeconds;
  return {
    calls,
    rotate: () => (current += 1),
    setLifetime: (seconds: number) => (lifetime = seconds),
    fetch: async (force: boolean): Promise<FetchedToken> => {
      calls.push(force);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (force) current += 1;
      return { token: `token-${current}`, expiresInSeconds: lifetime };
    },
  };
}

describe('SharedAccessToken', () => {
  let clock: FixedClock;
  let store: MemoryAccessTokenStore;
  beforeEach(() => {
    clock = new FixedClock();
    store = new MemoryAccessTokenStore();
  });
  const instance = (wechat: ReturnType<typeof stableToken>) =>
    new SharedAccessToken(store, wechat.fetch, () => clock.now(), { waitMs: 2, refreshMarginSeconds: 300 });

  it('fetches one token for every instance and every call, and never per call', async () => {
    const wechat = stableToken();
    const [a, b] = [instance(wechat), instance(wechat)];
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).current()));
    expect(new Set(tokens)).to.deep.equal(new Set(['token-1']));
    expect(await a.current()).to.equal('token-1');
    expect(wechat.calls).to.deep.equal([false]);
  });

  it('fetches the next one a few minutes before expiry, once, while the others keep using the valid one', async () => {
    const wechat = stableToken();
    const [a, b] = [instance(wechat), instance(wechat)];
    await a.current();
    clock.advance((7200 - 299) * 1000);
    wechat.rotate();
    const tokens = await Promise.all([a.current(), b.current(), a.current(), b.current()]);
    expect(tokens).to.include('token-2');
    expect(tokens.every((token) => token === 'token-1' || token === 'token-2')).to.equal(true);
    expect(wechat.calls).to.deep.equal([false, false]);
    expect(await b.current()).to.equal('token-2');
  });

  it('replaces a refused token once however many calls from however many instances saw it refused', async () => {
    const wechat = stableToken();
    const [a, b] = [instance(wechat), instance(wechat)];
    const refused = await a.current();
    wechat.rotate();
    const replaced = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).replace(refused)));
    expect(new Set(replaced)).to.deep.equal(new Set(['token-2']));
    expect(wechat.calls).to.deep.equal([false, false]);
  });

  it('forces a refresh only when the ordinary answer is the token WeChat just refused', async () => {
    const wechat = stableToken();
    const a = instance(wechat);
    const refused = await a.current();
    expect(await a.replace(refused)).to.equal('token-2');
    expect(wechat.calls).to.deep.equal([false, false, true]);
  });

  it('uses a token fetched late in its life for half of what is left, not fetching it again at once', async () => {
    const wechat = stableToken(100);
    const a = instance(wechat);
    await a.current();
    for (let i = 0; i < 10; i++) await a.current();
    expect(wechat.calls).to.have.length(1);
    clock.advance(51_000);
    await a.current();
    expect(wechat.calls).to.have.length(2);
  });

  it('waits for the instance holding the lock when no token is valid, then uses what it wrote', async () => {
    const wechat = stableToken();
    await store.lock('another-instance', clock.now(), 15);
    const waiting = instance(wechat).current();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.write({ token: 'written-by-the-other', expiresAt: new Date(clock.now().getTime() + 7_200_000), refreshAt: new Date(clock.now().getTime() + 6_900_000) });
    expect(await waiting).to.equal('written-by-the-other');
    expect(wechat.calls).to.deep.equal([]);
  });
});
