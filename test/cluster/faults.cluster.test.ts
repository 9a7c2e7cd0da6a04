import { expect } from 'chai';
import { transactionRetries } from '../../src/adapters/kysely/index.js';
import { OrderStatus } from '../../src/domain/index.js';
import { anAddress } from '../support/mothers.js';
import { API } from '../support/shopper.js';
import { type Cluster, clusterNode, describeOnCluster, startCluster } from './cluster.js';
import { deliverElsewhere, ledger } from './ledger.js';
import { RoamingClient } from './roaming-client.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const services = (...args: string[]) => promisify(execFile)('scripts/services.sh', args, { timeout: 150_000 });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Faults on the cluster: a node killed, the Redis primary killed, a node cut off; nothing half-written, nothing lost, no 500. */
describeOnCluster('faults on a Galera cluster and Redis Sentinel', (env) => {
  let cluster: Cluster;
  let client: RoamingClient;
  before(async () => {
    cluster = await startCluster(env, 'faults');
    client = new RoamingClient(cluster.shops.map((shop) => shop.http));
  });
  after(async () => {
    await cluster?.close();
  });

  /** One buyer through the balancer: log in, address, order, prepay, pay; the notification reaches every instance. Null when told sold out. */
  async function buy(i: number, productId: number): Promise<number | null> {
    const login = await client.request(i % 3, 'POST', `${API}/token/user`, { code: `code-fault-${i}` });
    const token = login.body.token as string;
    expect((await client.request(i % 3, 'POST', `${API}/address`, anAddress(), token)).status).to.equal(201);
    const placed = await client.request(i % 3, 'POST', `${API}/order`, { products: [{ product_id: productId, count: 1 }] }, token);
    expect(placed.status).to.equal(200);
    if (placed.body.pass === false) return null;
    const prepaid = await client.request(i % 3, 'POST', `${API}/pay/pre_order`, { id: placed.body.order_id }, token);
    expect(prepaid.status).to.equal(200);
    if (prepaid.body.pass === false) return null;
    const { sandbox } = cluster.first;
    const outcome = sandbox.pay(placed.body.order_no as string);
    await deliverElsewhere(sandbox.notifications()[outcome.notificationId! - 1]!, cluster.shops);
    return placed.body.order_id as number;
  }

  it('a node killed in the middle of a burst: its instance answers 503, buyers go elsewhere, nothing half-written, all nodes agree after it rejoins', async () => {
    const productId = 2;
    const stock = 20;
    const buyers = 30;
    await cluster.nodes[0]!.updateTable('product').set({ stock }).where('id', '=', productId).execute();
    await cluster.synced();
    const retriesBefore = transactionRetries();
    const burst = Promise.all(Array.from({ length: buyers }, (_, i) => buy(i, productId)));
    await pause(300);
    await clusterNode('stop', 3);
    const whileDown = await cluster.shops[2]!.http.get(`${API}/product/${productId}`);
    const orders = await burst;
    expect(whileDown.status).to.equal(503);
    expect(whileDown.headers.get('retry-after')).to.equal('1');
    await clusterNode('start', 3);
    await cluster.synced();
    const views = await Promise.all(cluster.nodes.map((db) => ledger(db, productId)));
    for (const view of views.slice(1)) expect(view).to.deep.equal(views[0]);
    const view = views[0]!;
    expect(view.ordersWithoutLines).to.equal(0);
    expect(view.paidWithoutNotification).to.equal(0);
    expect(view.stock + view.paidUnits).to.equal(stock);
    expect(view.byStatus[OrderStatus.PAID]).to.equal(stock);
    // Admission tells most buyers before they pay; the safety net refunds any it could not.
    const told = orders.filter((order) => order === null).length;
    expect(view.byStatus[OrderStatus.PAID]! + (view.byStatus[OrderStatus.PAID_BUT_OUT_OF] ?? 0) + told).to.equal(buyers);
    expect(client.totals()['500'] ?? 0).to.equal(0);
    // Back in the cluster, the instance answers again.
    expect((await cluster.shops[2]!.http.get(`${API}/product/${productId}`)).status).to.equal(200);
    const line = { buyers, orders: orders.length, statuses: client.totals(), conflictsRetried: transactionRetries() - retriesBefore, nodeKilled: 3 };
    console.log(`      [galera x3] node killed mid-burst: ${JSON.stringify(line)}`);
  });

  it('the Redis primary killed: Sentinel promotes the replica; tokens issued before still work or answer 401, never 500', async () => {
    const tokens = await Promise.all(
      Array.from({ length: 9 }, async (_, i) => (await cluster.shops[i % 3]!.http.post(`${API}/token/user`, { code: `code-redis-${i}` })).body.token as string),
    );
    const killedAt = Date.now();
    await services('cluster-redis-kill-primary');
    const statuses: Record<string, number> = {};
    let recovered = false;
    for (let round = 0; round < 150 && !recovered; round++) {
      const answers = await Promise.all(
        tokens.map((token, i) => cluster.shops[(i + round) % 3]!.http.get(`${API}/order/by_user?page=1&size=1`, token)),
      );
      for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      const fresh = await cluster.shops[round % 3]!.http.post(`${API}/token/user`, { code: `code-redis-fresh-${round}` });
      recovered = fresh.status === 200 && answers.every((answer) => answer.status === 200 || answer.status === 401);
      if (!recovered) await pause(100);
    }
    const recoveredMs = Date.now() - killedAt;
    await services('cluster-redis-revive');
    expect(recovered).to.equal(true, `statuses ${JSON.stringify(statuses)}`);
    expect(Object.keys(statuses).every((status) => ['200', '401', '503'].includes(status))).to.equal(true, JSON.stringify(statuses));
    console.log(`      [sentinel] primary killed: ${JSON.stringify({ tokens: tokens.length, statuses, recoveredMs })}`);
  });

  it('a node cut off from the others refuses writes (503) while the majority sells on; nothing it accepted is lost', async () => {
    const productId = 3;
    await cluster.nodes[0]!.updateTable('product').set({ stock: 1000 }).where('id', '=', productId).execute();
    await cluster.synced();
    const token = (await cluster.shops[0]!.http.post(`${API}/token/user`, { code: 'code-split' })).body.token as string;
    expect((await cluster.shops[0]!.http.post(`${API}/address`, anAddress(), token)).status).to.equal(201);
    await cluster.synced();
    await services('cluster-node-isolate', '3', 'on');
    const accepted: number[] = [];
    const statuses: Record<string, number>[] = [{}, {}, {}];
    for (let round = 0; round < 20; round++) {
      await Promise.all(
        cluster.shops.map(async (shop, i) => {
          const placed = await shop.http.post(`${API}/order`, { products: [{ product_id: productId, count: 1 }] }, token);
          statuses[i]![placed.status] = (statuses[i]![placed.status] ?? 0) + 1;
          if (placed.status === 200) accepted.push(placed.body.order_id as number);
        }),
      );
    }
    await services('cluster-node-isolate', '3', 'off');
    await cluster.synced();
    for (const counts of statuses) expect(counts['500'] ?? 0).to.equal(0, JSON.stringify(statuses));
    expect(statuses[2]!['503'] ?? 0).to.be.greaterThan(0, JSON.stringify(statuses));
    expect(statuses[0]!['200']).to.equal(20);
    for (const db of cluster.nodes) {
      const found = await db.selectFrom('order').select('id').where('id', 'in', accepted).execute();
      expect(found.length).to.equal(accepted.length);
    }
    console.log(`      [galera x3] node 3 isolated: ${JSON.stringify({ accepted: accepted.length, byInstance: statuses })}`);
  });
});
