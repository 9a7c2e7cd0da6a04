import { mysqlConnection } from './bench-db.js';
import { BENCH_ADDRESS } from './shop.js';

/** Users the bulk orders belong to: the bench buyers first, then made-up ids, 500 in all (20 orders each at 10k). */
const OWNERS = 500;
const CHUNK = 250_000;
const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * Empties the order tables (and what hangs off them), then prepares the owner slots: bulk orders
 * go round-robin to 500 users, among them the buyers whose lists the growth scenario reads, so
 * their own lists grow with the table.
 */
export async function resetOrders(mysqlUrl: string, buyerUids: readonly number[]): Promise<void> {
  const connection = await mysqlConnection(mysqlUrl);
  try {
    await connection.query('set foreign_key_checks = 0');
    for (const table of ['order_product', 'payment_notification', 'payment_attempt', 'refund', 'order']) {
      await connection.query(`truncate table \`${table}\``);
    }
    await connection.query('set foreign_key_checks = 1');
    await connection.query('drop table if exists bench_owner');
    await connection.query('create table bench_owner (slot int primary key, user_id int not null)');
    const owners = Array.from({ length: OWNERS }, (_, slot) => [slot, buyerUids[slot] ?? 1_000_000 + slot]);
    await connection.query('insert into bench_owner (slot, user_id) values ?', [owners]);
  } finally {
    await connection.end();
  }
}

export async function orderCount(mysqlUrl: string): Promise<number> {
  const connection = await mysqlConnection(mysqlUrl);
  try {
    const [rows] = await connection.query('select count(*) as n from `order`');
    return Number((rows as { n: number }[])[0]!.n);
  } finally {
    await connection.end();
  }
}

/**
 * Adds orders until the table holds `target`, generated inside MariaDB (`INSERT … SELECT` over the
 * Sequence engine's `seq_a_to_b`, chunked), each with one line. Old enough (spread over the last
 * year) that every order placed during the measurement is newer. Returns the seconds it took.
 */
export async function bulkLoadOrders(mysqlUrl: string, target: number): Promise<{ added: number; seconds: number }> {
  const connection = await mysqlConnection(mysqlUrl);
  const start = performance.now();
  try {
    const [rows] = await connection.query('select count(*) as n, coalesce(max(id), 0) as maxId from `order`');
    const { n, maxId } = (rows as { n: number; maxId: number }[])[0]!;
    const have = Number(n);
    const base = Date.now() - YEAR_MS;
    const step = Math.floor(YEAR_MS / 2_000_000);
    for (let from = have + 1; from <= target; from += CHUNK) {
      const to = Math.min(target, from + CHUNK - 1);
      await connection.query(
        `insert into \`order\` (order_no, user_id, status, total_price, total_count, snap_img, snap_name, snap_items, snap_address, create_time, update_time)
         select concat('B', lpad(s.seq, 12, '0')), o.user_id, if(s.seq % 10 = 0, 1, 2), 101 + s.seq % 50, 1,
                concat('https://img.example/bench/', 1 + s.seq % 50, '.png'), concat('压测商品', 1 + s.seq % 50),
                concat('[{"id":', 1 + s.seq % 50, ',"haveStock":true,"counts":1,"price":', 101 + s.seq % 50, ',"name":"压测商品', 1 + s.seq % 50,
                       '","totalPrice":', 101 + s.seq % 50, ',"main_img_url":"https://img.example/bench/', 1 + s.seq % 50, '.png"}]'),
                ?,
                ? + s.seq * ?, ? + s.seq * ?
         from seq_${from}_to_${to} s join bench_owner o on o.slot = s.seq % ${OWNERS}`,
        [JSON.stringify(BENCH_ADDRESS), base, step, base, step],
      );
    }
    await connection.query('insert into order_product (order_id, product_id, count) select id, 1 + id % 50, 1 from `order` where id > ?', [
      Number(maxId),
    ]);
    return { added: Math.max(0, target - have), seconds: (performance.now() - start) / 1000 };
  } finally {
    await connection.end();
  }
}

/**
 * After a bulk load InnoDB flushes dirty pages and purges for a while; measuring during that
 * measures the load. Waits until few dirty pages remain (at most `maxMs`). Returns the wait in seconds.
 */
export async function settle(mysqlUrl: string, maxMs: number): Promise<number> {
  const connection = await mysqlConnection(mysqlUrl);
  const start = performance.now();
  try {
    while (performance.now() - start < maxMs) {
      const [rows] = await connection.query("show global status like 'Innodb_buffer_pool_pages_dirty'");
      if (Number((rows as { Value: string }[])[0]?.Value ?? 0) < 2_000) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return (performance.now() - start) / 1000;
  } finally {
    await connection.end();
  }
}

/** Size of the order tables with their indexes, in MB (InnoDB's estimate, refreshed first). */
export async function orderTableMb(mysqlUrl: string): Promise<number> {
  const connection = await mysqlConnection(mysqlUrl);
  try {
    await connection.query('analyze table `order`, order_product');
    const [rows] = await connection.query(
      "select sum(data_length + index_length) as bytes from information_schema.tables where table_schema = database() and table_name in ('order', 'order_product')",
    );
    return Math.round(Number((rows as { bytes: number }[])[0]?.bytes ?? 0) / 1024 / 1024);
  } finally {
    await connection.end();
  }
}
