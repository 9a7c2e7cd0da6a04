import type { BenchContext } from '../lib/context.js';
import { ShopClient } from '../lib/shop.js';
import { StatementProxy } from '../lib/statement-proxy.js';
import { round } from '../lib/stats.js';
import { type Buyers, placeOverHttp } from './floor-vs-http.js';

export interface StatementCounts {
  /** Statements per place-order, by number of lines. */
  readonly perOrder: Record<number, number>;
  /** Statements per full flow: place, pre_order, the notification. */
  readonly perFlow: number;
  readonly perByUser: number;
}

/**
 * Statements the server sends to MariaDB per request, counted at the wire: a second server on
 * the same database and Redis reaches MariaDB through a counting proxy, and only it is counted.
 */
export async function countStatements(context: BenchContext, buyers: Buyers, redisUrl: string, mysqlUrl: string): Promise<StatementCounts> {
  const target = new URL(mysqlUrl);
  const proxy = await StatementProxy.start(target.hostname, Number(target.port || 3306));
  const server = await context.startShop('mysql-counted', { databaseUrl: proxy.urlFor(mysqlUrl), redisUrl });
  const shop = new ShopClient(server.url, 4);
  const token = buyers.tokens[0]!;
  const per = async (times: number, work: () => Promise<unknown>) => {
    await work(); // the first one may open pool connections
    const before = proxy.statements;
    for (let index = 0; index < times; index++) await work();
    return round((proxy.statements - before) / times, 2);
  };
  try {
    const perOrder: Record<number, number> = {};
    for (const lines of context.plan.lineCounts) {
      const productIds = Array.from({ length: lines }, (_, index) => index + 1);
      perOrder[lines] = await per(10, () => placeOverHttp(shop, token, productIds));
    }
    const perFlow = await per(10, async () => {
      const orderId = await placeOverHttp(shop, token, [1, 2]);
      const prepared = await shop.prepayId(token, orderId);
      if (!('prepayId' in prepared)) throw new Error('pre_order refused');
      await context.wechat.payAndAwaitNotify(prepared.prepayId);
    });
    const perByUser = await per(10, () => shop.ordersOf(token));
    return { perOrder, perFlow, perByUser };
  } finally {
    shop.close();
    await server.stop();
    await proxy.close();
  }
}
