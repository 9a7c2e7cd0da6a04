/**
 * Walks the whole mission over HTTP: login → address → place order → pre_order → the sandbox
 * pays → WeChat's notification → the order reads PAID.
 *
 *   npm run demo                       a shop of its own (temporary SQLite file, sandbox, free ports)
 *   WESHOP_URL=http://127.0.0.1:3000 SANDBOX_URL=http://127.0.0.1:3001 npm run demo
 *                                      against a shop started with `npm start`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type SandboxedShop, launcherEnv, startSandboxedShop } from './sandboxed-shop.js';

async function main(): Promise<void> {
  let shop: SandboxedShop | null = null;
  let scratch: string | null = null;
  let base = process.env.WESHOP_URL;
  let sandboxUrl = process.env.SANDBOX_URL ?? 'http://127.0.0.1:3001';
  if (!base) {
    scratch = mkdtempSync(join(tmpdir(), 'weshop-demo-'));
    shop = await startSandboxedShop(
      { ...launcherEnv(process.env), PORT: '0', SANDBOX_PORT: '0', DATABASE_URL: join(scratch, 'demo.sqlite'), REDIS_URL: '', WECHAT_NOTIFY_URL: '', WECHAT_REFUND_NOTIFY_URL: '' },
      { logger: pino({ level: 'silent' }) },
    );
    base = shop.url;
    sandboxUrl = shop.sandbox.url;
    console.log(`started a demo shop on ${base} with the WeChat Pay sandbox on ${sandboxUrl}\n`);
  }
  try {
    await walk(`${base}/api/v1`, sandboxUrl);
  } finally {
    await shop?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

async function walk(api: string, sandboxUrl: string): Promise<void> {
  const { token } = await call('1. login: wx.login code → token', 'POST', `${api}/token/user`, { code: 'code-demo' });
  const auth = { token: String(token) };

  await call('2. save the delivery address', 'POST', `${api}/address`, {
    name: '张三', mobile: '13800138000', province: '广东省', city: '广州市', country: '天河区', detail: '某路 1 号',
  }, auth);

  const recent = (await call('3. browse: the newest products', 'GET', `${api}/product/recent?count=2`)) as unknown as { id: number; name: string; price: string }[];
  const products = recent.map((product, index) => ({ product_id: product.id, count: index + 1 }));

  const placed = await call('4. place the order', 'POST', `${api}/order`, { products }, auth);
  if (placed.pass !== true) throw new Error('the order did not pass the stock check');

  await call('5. pre_order: WeChat Pay unifiedorder → wx.requestPayment fields', 'POST', `${api}/pay/pre_order`, { id: placed.order_id }, auth);

  await call('6. the sandbox pays, as the user would in WeChat', 'POST', `${sandboxUrl}/sandbox/pay`, { out_trade_no: placed.order_no });

  console.log('7. WeChat (the sandbox) notifies the shop; waiting for the order to turn PAID …');
  const deadline = Date.now() + 15_000;
  for (;;) {
    const order = await request('GET', `${api}/order/${String(placed.order_id)}`, undefined, auth);
    if (order.status === 2) {
      console.log(`   order ${String(order.order_no)}: status ${String(order.status)} (PAID), total ¥${String(order.total_price)}, ${String(order.snap_name)}\n`);
      break;
    }
    if (Date.now() > deadline) throw new Error(`order still has status ${String(order.status)} after 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const notes = (await request('GET', `${sandboxUrl}/sandbox/notifications`)) as unknown as { outTradeNo: string }[];
  const ours = notes.filter((note) => note.outTradeNo === placed.order_no);
  console.log('8. what the sandbox sent for this order:', JSON.stringify(ours));
  console.log('\ndone: login → address → order → pre_order → paid → notified → PAID');
}

type Json = Record<string, unknown>;

async function call(step: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Json> {
  console.log(`${step}\n   ${method} ${url}${body === undefined ? '' : ` ${JSON.stringify(body)}`}`);
  const answer = await request(method, url, body, headers);
  console.log(`   → ${JSON.stringify(answer)}\n`);
  return answer;
}

async function request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Json> {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
  return JSON.parse(text) as Json;
}

main().catch((error: unknown) => {
  console.error('demo failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
