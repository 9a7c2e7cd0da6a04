import type { TransactionalRepositories, UnitOfWork } from '../../src/application/index.js';

/** A unit of work whose stock step deducts and then fails: the failure lands after the status change, inside the transaction. */
export function failingAfterDeduction(inner: UnitOfWork, message = 'injected failure after the stock deduction'): UnitOfWork {
  return {
    run: (work) =>
      inner.run((repos: TransactionalRepositories) =>
        work({
          ...repos,
          stock: {
            findProducts: (ids, heldBy) => repos.stock.findProducts(ids, heldBy),
            release: (lines) => repos.stock.release(lines),
            hold: (orderId, lines, until) => repos.stock.hold(orderId, lines, until),
            releaseHolds: (orderId, lines) => repos.stock.releaseHolds(orderId, lines),
            deductAll: async (lines) => {
              await repos.stock.deductAll(lines);
              throw new Error(message);
            },
            deductPaid: async (orderId, lines) => {
              await repos.stock.deductPaid(orderId, lines);
              throw new Error(message);
            },
          },
        }),
      ),
  };
}
