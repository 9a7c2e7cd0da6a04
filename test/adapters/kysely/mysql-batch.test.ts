import { expect } from 'chai';
import type { Pool } from 'mysql2';
import { mysqlBatch } from '../../../src/adapters/kysely/mysql-batch.js';
import { ATTEMPTS, transactionRetries } from '../../../src/adapters/kysely/rolled-back-retry.js';

type Callback = (error: Error | null, answer?: unknown) => void;

/**
 * A pool whose one-packet transactions lose `conflicts` times as a deadlock victim or a lost Galera
 * certification does; it records what each connection was sent and how it went back.
 */
function conflictingPool(conflicts: number) {
  const log: string[] = [];
  let packets = 0;
  const connection = {
    query(sql: string, parametersOrCallback: unknown[] | Callback, maybeCallback?: Callback) {
      const callback = (typeof parametersOrCallback === 'function' ? parametersOrCallback : maybeCallback)!;
      if (sql === 'rollback') {
        log.push('rollback');
        return callback(null);
      }
      log.push('packet');
      if (++packets <= conflicts) {
        return callback(Object.assign(new Error('Deadlock found when trying to get lock'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 }));
      }
      callback(null, [{}, { insertId: 7 }, {}]);
    },
    release: () => log.push('release'),
    destroy: () => log.push('destroy'),
  };
  const pool = { getConnection: (callback: Callback) => callback(null, connection) };
  return { pool: pool as unknown as Pool, log, packets: () => packets };
}

describe('mysqlBatch transactions', () => {
  const insert = [{ sql: 'insert into t values (?)', parameters: [1] }];

  it('sends a packet rolled back by a conflict again, under the unit of work’s policy and count, and rolls back each loser', async () => {
    const retriesBefore = transactionRetries();
    const pool = conflictingPool(3);
    const [result] = await mysqlBatch(pool.pool).transaction(insert);
    expect(result).to.deep.equal({ insertId: 7 });
    expect(pool.packets()).to.equal(4);
    expect(transactionRetries() - retriesBefore).to.equal(3);
    expect(pool.log.filter((entry) => entry === 'rollback')).to.have.length(3);
    expect(pool.log.filter((entry) => entry === 'release')).to.have.length(4);
  });

  it('gives up after the last attempt and answers the conflict', async () => {
    const pool = conflictingPool(100);
    const failed = await mysqlBatch(pool.pool).transaction(insert).catch((error: Error & { errno?: number }) => error);
    expect(failed).to.have.property('errno', 1213);
    expect(pool.packets()).to.equal(ATTEMPTS);
  });
});
