import { anAddress } from '../../test/support/mothers.js';
import { Shopper } from '../../test/support/shopper.js';
import { HttpClient } from './http-client.js';

/** The address every bench buyer saves (and the bulk-loaded orders carry). */
export const BENCH_ADDRESS = anAddress({ name: '压测用户' });

/** The shop's API as a mini-program calls it (the tests' shopper), over one keep-alive agent of `sockets` connections. */
export class ShopClient extends Shopper {
  private readonly client: HttpClient;

  constructor(baseUrl: string, sockets: number) {
    const client = new HttpClient(baseUrl, sockets);
    super(client, { address: BENCH_ADDRESS });
    this.client = client;
  }

  close(): void {
    this.client.close();
  }
}

/** Sets up `count` buyers through the real routes, `concurrency` at a time. */
export async function buyers(shop: ShopClient, prefix: string, count: number, concurrency = 16): Promise<string[]> {
  const tokens: string[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const index = next++;
        tokens[index] = await shop.buyer(`${prefix}-${index}`);
      }
    }),
  );
  return tokens;
}
