import { expect } from 'chai';
import { sql } from 'kysely';
import { transactionRetries } from '../../src/adapters/kysely/index.js';
import { OrderStatus } from '../../src/domain/index.js';
import { type Cluster, describeOnCluster, startCluster } from './cluster.js';
import { deliverElsewhere, ledger } from './ledger.js';

/** Buyers spread over three instances, each on its own Galera node: the guarantees of one server, on three. */
describeOnCluster('racing on a Galera cluster, one instance per node', (env) => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster(env, 'race');
  });
  after(async () => {
    await cluster?.close();
  });

  it('gives every table a primary key, Kysely\'s own too (the nodes refuse a table without one: wsrep_mode=REQUIRED_PRIMARY_KEY)', async () => {
    const { rows } = await sql<{ table_name: string }>`
      select t.table_name as table_name from information_schema.tables t
      where t.table_schema = database() and t.table_type = 'BASE TABLE' and not exists (
        select 1 from information_schema.table_constraints c
        where c.table_schema = t.table_schema and c.table_name = t.table_name and c.constraint_type = 'PRIMARY KEY')`.execute(cluster.nodes[1]!);
    expect(rows).to.deep.equal([]);
    const { rows: tables } = await sql<{ n: number }>`select count(*) as n from information_schema.tables where table_schema = database()`.execute(cluster.nodes[2]!);
    expect(Number(tables[0]!.n)).to.be.greaterThan(20);
  });

  it('sells a flash sale exactly once across three nodes: losers told before paying, duplicates everywhere, each payment once, no refund owed', async () => {
    const stock = 12;
    const buyers = 36;
    const productId = 1;
    await cluster.nodes[0]!.updateTable('product').set({ stock }).where('id', '=', productId).execute();
    await cluster.synced();
    const retriesBefore = transactionRetries();
    const { sandbox } = cluster.first;
    const duplicates: number[] = [];
    let told = 0;
    await Promise.all(
      Array.from({ length: buyers }, async (_, i) => {
        const shop = cluster.shops[i % 3]!;
        const token = await shop.shopper.login(`flash-${i}`);
        await shop.shopper.saveAddress(token);
        // Admitted by a hold on whichever node it lands, or told sold out before paying.
        const placed = await shop.shopper.place(token, [{ product_id: productId, count: 1 }]);
        if (!placed.pass) return void told++;
        const prepared = await shop.shopper.prepayId(token, placed.order_id);
        if (!('prepayId' in prepared)) return void told++;
        const orderNo = placed.order_no;
        // WeChat notifies the instance that asked for the payment; the same notification also reaches
        // the two others at once, as a retry through another balancer path would.
        const outcome = sandbox.pay(orderNo);
        const delivery = sandbox.notifications()[outcome.notificationId! - 1]!;
        duplicates.push(...(await deliverElsewhere(delivery, cluster.shops.filter((other) => other !== shop))));
      }),
    );
    await sandbox.idle();
    // Every instance's jobs at once: the refunds of the orders paid without stock, claimed by lease.
    await Promise.all(cluster.shops.map((shop) => shop.jobs.runOnce()));
    await Promise.all(cluster.shops.map((shop) => shop.jobs.runOnce()));
    await cluster.synced();

    const views = await Promise.all(cluster.nodes.map((db) => ledger(db, productId)));
    for (const view of views.slice(1)) expect(view).to.deep.equal(views[0]);
    const view = views[0]!;
    expect(view.stock).to.equal(0);
    expect(view.byStatus[OrderStatus.PAID]).to.equal(stock);
    expect(view.byStatus[OrderStatus.PAID_BUT_OUT_OF] ?? 0).to.equal(0);
    expect(told).to.equal(buyers - stock);
    expect(view.paidNotifications).to.equal(stock);
    expect(view.ordersRefundedTwice).to.equal(0);
    expect(view.refundedOrders).to.equal(0);
    expect(duplicates.every((status) => status === 200)).to.equal(true, `duplicate answers ${duplicates.join(',')}`);
    const retried = transactionRetries() - retriesBefore;
    const line = { buyers, stock, paid: stock, told, duplicates: duplicates.length, refunds: view.refundedOrders, conflictsRetried: retried };
    console.log(`      [galera x3] flash sale: ${JSON.stringify(line)}`);
    // The SQL the nodes agree on is the cluster's: nothing applied on one node only.
    const [{ count }] = (await sql<{ count: number }>`select count(*) as count from payment_notification`.execute(cluster.nodes[2]!)).rows as [{ count: number }];
    expect(Number(count)).to.be.at.least(stock);
  });
});
