import { expect } from 'chai';
import type { Compilable, Kysely } from 'kysely';
import { StatementCompiler } from '../../../bench/lib/compiled-statements.js';
import {
  type DB,
  attemptRow,
  notificationRow,
  notificationStatements,
  orderRow,
  orderStatements,
  prepaySet,
  stockStatements,
  transitionSet,
} from '../../../src/adapters/kysely/index.js';
import { OrderStatus } from '../../../src/domain/index.js';
import { aNewOrder } from '../../contract/builders.js';

/** The adapters and the benchmark's floor run the builders compiled once per shape: the SQL and parameters Kysely itself would give. */
describe('statements compiled once per shape (the adapters and the benchmark floor)', () => {
  for (const dialect of ['mysql', 'sqlite'] as const) {
    it(`answers what Kysely compiles, call after call, on ${dialect}`, () => {
      const compiler = new StatementCompiler(dialect);
      const at = new Date('2026-11-24T04:00:00.000Z');
      const attempt = { orderId: 7, outTradeNo: 'NO-1', prepayId: 'wx-1', prepayExpiresAt: at, createdAt: at };
      const notification = { transactionId: 'T-1', outTradeNo: 'NO-1', orderId: 7, totalFee: 500, outcome: 'PAID' as const, receivedAt: at };
      const calls: [(db: Kysely<DB>, ...args: never[]) => Compilable<unknown>, unknown[]][] = [
        [stockStatements.findProducts, [[1, 2], 1_700_000_000_000]],
        [stockStatements.findProducts, [[3, 4], 1_700_000_000_001]],
        [stockStatements.findProducts, [[5, 6, 7], 1_700_000_000_002]],
        [stockStatements.decrement, [2, 1]],
        [stockStatements.holdMore, [2, 1]],
        [orderStatements.insert, [orderRow(aNewOrder())]],
        [orderStatements.insert, [orderRow(aNewOrder({ stockReserved: true, userId: 9 }))]],
        [orderStatements.insertLines, [7, aNewOrder().lines]],
        [orderStatements.insertLines, [8, [{ productId: 3, count: 5 }]]],
        [orderStatements.transition, [7, OrderStatus.UNPAID, transitionSet(OrderStatus.PAID, { transactionId: 'T-1', paidAt: at }, at)]],
        [orderStatements.transition, [7, OrderStatus.UNPAID, transitionSet(OrderStatus.CLOSED, {}, at)]],
        [orderStatements.transition, [8, OrderStatus.PAID, transitionSet(OrderStatus.DELIVERED, { paidAt: at }, at)]],
        [orderStatements.insertAttempt, [attemptRow(attempt)]],
        [orderStatements.setPrepay, [7, prepaySet(attempt, at)]],
        [orderStatements.page, [null, 10, 20]],
        [orderStatements.page, [3, 10, 0]],
        [orderStatements.page, [null, 10, 0, OrderStatus.PAID]],
        [notificationStatements.record, [notificationRow({ ...notification, orderId: null })]],
        [notificationStatements.record, [notificationRow(notification)]],
      ];
      for (const [build, args] of calls) {
        const expected = build(compiler.db, ...(args as never[])).compile();
        const actual = compiler.compile(build, ...(args as never[]));
        expect({ sql: actual.sql, parameters: actual.parameters }).to.deep.equal({ sql: expected.sql, parameters: [...expected.parameters] });
      }
    });
  }

  it('refuses a builder that computes a parameter from its arguments', () => {
    const compiler = new StatementCompiler('sqlite');
    const byPage = (db: Kysely<DB>, page: number) => db.selectFrom('order').selectAll().limit(10).offset((page - 1) * 10);
    expect(() => compiler.compile(byPage, 2)).to.throw(/computed by the builder/);
  });
});
