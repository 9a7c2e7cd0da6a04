import { expect } from 'chai';
import { FAILED_APP_LOGIN_WINDOW_SECONDS, type IssueAppToken, TooManyFailedAttempts } from '../../src/application/index.js';
import { type MemoryShop, memoryShop } from '../support/shop.js';

describe('IssueAppToken', () => {
  let shop: MemoryShop;
  let issue: IssueAppToken;
  beforeEach(async () => {
    shop = await memoryShop();
    issue = shop.issueAppToken;
  });

  it('locks an app id after five wrong secrets for what is left of the window the first one opened, and says how long', async () => {
    const fail = () => issue.execute({ ac: 'nobody', se: 'guess' }).catch((error: unknown) => error);
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await fail()).to.not.be.instanceOf(TooManyFailedAttempts);
      shop.clock.advance(60_000);
    }
    const locked = await fail();
    expect(locked).to.be.instanceOf(TooManyFailedAttempts);
    expect((locked as TooManyFailedAttempts).retryAfterSeconds).to.equal(FAILED_APP_LOGIN_WINDOW_SECONDS - 5 * 60);
    shop.clock.advance(9 * 60_000);
    expect(((await fail()) as TooManyFailedAttempts).retryAfterSeconds).to.equal(60);
    shop.clock.advance(60_000);
    expect(await fail(), 'the window is over: a try again').to.not.be.instanceOf(TooManyFailedAttempts);
  });
});
