import { expect } from 'chai';
import type { Kysely } from 'kysely';
import { FixedClock } from '../../../src/adapters/fakes/fixed.clock.js';
import type { DB } from '../../../src/adapters/kysely/index.js';
import { KyselyUnitOfWork } from '../../../src/adapters/kysely/kysely-unit-of-work.js';
import { ATTEMPTS, backoffBoundMs } from '../../../src/adapters/kysely/rolled-back-retry.js';

/** A database whose transactions lose `conflicts` times as a deadlock victim or a lost Galera certification does. */
function conflicting(conflicts: number): { db: Kysely<DB>; tries: () => number } {
  let tries = 0;
  const db = {
    transaction: () => ({
      execute: async <T>(work: (trx: unknown) => Promise<T>): Promise<T> => {
        if (++tries <= conflicts) throw Object.assign(new Error('Deadlock found when trying to get lock'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 });
        return work(db);
      },
    }),
  };
  return { db: db as unknown as Kysely<DB>, tries: () => tries };
}

describe('KyselyUnitOfWork retries', () => {
  it('pauses long enough for a hot row on a Galera cluster (up to about a second in all), and not forever', () => {
    const pauses = Array.from({ length: ATTEMPTS - 1 }, (_, index) => backoffBoundMs(index + 1));
    const total = pauses.reduce((sum, each) => sum + each, 0);
    expect(total).to.be.within(500, 1_500);
    expect(Math.max(...pauses)).to.be.at.most(250);
  });

  it('runs work rolled back six times in a row a seventh time, and gives up after its last attempt', async () => {
    const lucky = conflicting(6);
    expect(await new KyselyUnitOfWork(lucky.db, new FixedClock()).run(async () => 'done')).to.equal('done');
    expect(lucky.tries()).to.equal(7);
    const hopeless = conflicting(100);
    const failed = await new KyselyUnitOfWork(hopeless.db, new FixedClock()).run(async () => 'done').catch((error: Error) => error);
    expect(failed).to.be.instanceOf(Error);
    expect(hopeless.tries()).to.equal(ATTEMPTS);
  });
});
