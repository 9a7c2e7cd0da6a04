import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { migrateToLatest, openDatabase } from '../../src/adapters/kysely/index.js';

/** Products every scenario orders from: plenty of stock, so only the flash sale ever runs short. */
export const BENCH_PRODUCT_COUNT = 60;
export const FLASH_PRODUCT_ID = BENCH_PRODUCT_COUNT + 1;
export const PLENTY = 1_000_000_000;

/** The benchmark's own database next to the test one (the services script grants `weshop_test%`). */
export function benchMysqlUrl(mysqlUrl: string): string {
  const url = new URL(mysqlUrl);
  url.pathname = '/weshop_test_bench';
  return url.toString();
}

export function databaseName(mysqlUrl: string): string {
  return decodeURIComponent(new URL(mysqlUrl).pathname.replace(/^\//, ''));
}

export async function mysqlConnection(mysqlUrl: string, withDatabase = true) {
  const url = new URL(mysqlUrl);
  return createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    ...(withDatabase ? { database: databaseName(mysqlUrl) } : {}),
    multipleStatements: false,
    charset: 'utf8mb4',
  });
}

/** Drops and recreates the bench database, migrates it with the shop's own migrations, adds the bench products. */
export async function freshMysqlDatabase(mysqlUrl: string): Promise<void> {
  const name = databaseName(mysqlUrl);
  if (!name.includes('test')) throw new Error(`refusing to recreate "${name}": the bench database name must contain "test"`);
  const connection = await mysqlConnection(mysqlUrl, false);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
  await migrateAndStock(mysqlUrl);
}

/** Drops the bench database when a run is over: after a full run it holds a million orders. */
export async function dropMysqlDatabase(mysqlUrl: string): Promise<void> {
  const name = databaseName(mysqlUrl);
  if (!name.includes('test')) return;
  const connection = await mysqlConnection(mysqlUrl, false);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
}

/** A new SQLite file, migrated, with the bench products (so the server's embedded start seeds nothing). */
export async function freshSqliteFile(path: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  await migrateAndStock(path);
}

async function migrateAndStock(url: string): Promise<void> {
  const database = await openDatabase(url);
  try {
    await migrateToLatest(database.db);
    const now = Date.now();
    const products = Array.from({ length: FLASH_PRODUCT_ID }, (_, index) => {
      const id = index + 1;
      return {
        id,
        name: id === FLASH_PRODUCT_ID ? '秒杀商品' : `压测商品${id}`,
        price: 100 + id,
        stock: id === FLASH_PRODUCT_ID ? 0 : PLENTY,
        category_id: 1,
        main_img_url: `https://img.example/bench/${id}.png`,
        from: 2,
        summary: 'bench',
        img_id: null,
        delete_time: null,
        create_time: now,
      };
    });
    await database.db.insertInto('product').values(products).execute();
    await database.db.insertInto('category').values({ id: 1, name: 'bench', description: '', topic_img_id: null }).execute();
  } finally {
    await database.close();
  }
}
