import { expect } from 'chai';
import { verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeWeChatLogin } from '../../../../src/adapters/fakes/fake-wechat.login.js';
import { FixedClock } from '../../../../src/adapters/fakes/fixed.clock.js';
import { sign } from '../../../../src/adapters/wechat/sign.js';
import { buildXmlMessage } from '../../../../src/adapters/wechat/xml.js';
import { WeChatLogin } from '../../../../src/application/index.js';
import { type ShopOverHttp, startRealShopWithoutSandbox } from '../../../support/shop.js';
import { certificatesAnswer } from './support/certificates.js';
import { API_V3_KEY, APP_ID, MCH_ID, MERCHANT, MERCHANT_SERIAL, NOW, PLATFORM_A, PLATFORM_A_CERT, PLATFORM_B, PLATFORM_B_CERT, PUBKEY, fixturePath } from './support/keys.js';
import { type SignOptions, envelope, refundResult, transaction, wechatpayHeaders } from './support/messages.js';
import { type StubRequest, type StubWeChat, startStubWeChat } from './support/stub-wechat.js';

const V2_KEY = 'weshopV2KeyForOlderOrders0123456';
const merchantEnv = {
  WECHAT_APP_ID: APP_ID,
  WECHAT_APP_SECRET: 'v3-shop-secret',
  WECHAT_MCH_ID: MCH_ID,
  WECHAT_PAY_API_VERSION: 'v3',
  WECHAT_PAY_MCH_SERIAL: MERCHANT_SERIAL,
  WECHAT_PAY_PRIVATE_KEY: fixturePath('merchant.key.pem'),
  WECHAT_PAY_API_V3_KEY: API_V3_KEY,
};
const publicKeyEnv = { WECHAT_PAY_PUBLIC_KEY: fixturePath('pubkey.pem'), WECHAT_PAY_PUBLIC_KEY_ID: PUBKEY.serial };
const json = { 'content-type': 'application/json' };

/** WeChat Pay v3 as the stub plays it: prepay ids, refunds taken, certificates listed. */
function wechatPay(stub: StubWeChat, certificates: () => typeof PLATFORM_A_CERT[] = () => [PLATFORM_A_CERT]) {
  stub.handle((request: StubRequest) => {
    if (request.url === '/v3/certificates') return certificatesAnswer(certificates(), PLATFORM_A);
    if (request.url === '/v3/pay/transactions/jsapi') return { json: { prepay_id: `wx${(JSON.parse(request.body) as { out_trade_no: string }).out_trade_no}` } };
    if (request.url === '/v3/refund/domestic/refunds') {
      const { out_refund_no: outRefundNo } = JSON.parse(request.body) as { out_refund_no: string };
      return { json: { refund_id: `50${outRefundNo}`, out_refund_no: outRefundNo, status: 'PROCESSING' } };
    }
    return { status: 404, json: { code: 'RESOURCE_NOT_EXISTS', message: 'no such thing' } };
  });
}

async function startV3Shop(stub: StubWeChat, env: Record<string, string>, clock = new FixedClock(NOW)): Promise<ShopOverHttp> {
  return startRealShopWithoutSandbox(':memory:', '', {
    env: { ...merchantEnv, WECHAT_PAY_API_BASE: stub.url, WECHAT_API_BASE: stub.url, ...env },
    clock,
    override: (container) => container.rebind(WeChatLogin).toConstantValue(new FakeWeChatLogin()),
  });
}

/** A shopper's order, prepared for payment at the stub, over HTTP. */
async function preparedOrder(shop: ShopOverHttp, who: string) {
  const token = await shop.shopper.buyer(who);
  const placed = await shop.shopper.placeOrder(token, [{ product_id: 1, count: 1 }]);
  const prepay = await shop.shopper.prepay(token, placed.id);
  const row = await shop.resources.database.db.selectFrom('order').select(['total_price', 'status']).where('id', '=', placed.id).executeTakeFirstOrThrow();
  return { order_id: placed.id, order_no: placed.orderNo, token, prepay, totalFee: Number(row.total_price) };
}

async function statusOf(shop: ShopOverHttp, orderId: number): Promise<number> {
  const row = await shop.resources.database.db.selectFrom('order').select('status').where('id', '=', orderId).executeTakeFirstOrThrow();
  return Number(row.status);
}

async function notify(shop: ShopOverHttp, path: string, body: string, headers: Record<string, string>) {
  const response = await fetch(`${shop.url}/api/v1/pay/${path}`, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

const v3Payment = (outTradeNo: string, total: number, options: SignOptions = {}, overrides: Record<string, unknown> = {}) => {
  // Each trade its own transaction id, as WeChat numbers them.
  const body = envelope(transaction({ out_trade_no: outTradeNo, transaction_id: `4200${outTradeNo}`.slice(0, 32), amount: { total, currency: 'CNY' }, ...overrides }));
  return { body, headers: { ...json, ...wechatpayHeaders(body, options) } };
};

describe('the shop on WeChat Pay v3', () => {
  describe('public-key mode, with the v2 key of older orders as well', () => {
    let stub: StubWeChat;
    let shop: ShopOverHttp;
    before(async () => {
      stub = await startStubWeChat(undefined, { now: () => NOW });
      wechatPay(stub);
      shop = await startV3Shop(stub, { ...publicKeyEnv, WECHAT_PAY_KEY: V2_KEY });
    });
    after(async () => {
      await shop?.close();
      await stub?.close();
    });

    it('prepays over v3 naming the public key, and hands wx.requestPayment RSA parameters signed by the merchant key (zerg shape, no appId)', async () => {
      const order = await preparedOrder(shop, 'alice');
      expect(order.prepay.status).to.equal(200);
      expect(Object.keys(order.prepay.body).sort()).to.deep.equal(['nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
      const { timeStamp, nonceStr, package: pkg, signType, paySign } = order.prepay.body as Record<string, string>;
      expect(signType).to.equal('RSA');
      expect(pkg).to.equal(`prepay_id=wx${order.order_no}`);
      expect(verify('sha256', Buffer.from(`${APP_ID}\n${timeStamp}\n${nonceStr}\n${pkg}\n`), MERCHANT.publicKey, Buffer.from(paySign!, 'base64'))).to.equal(true);
      const jsapi = stub.requests.find((request) => request.url === '/v3/pay/transactions/jsapi' && request.body.includes(order.order_no))!;
      expect(jsapi.headers['wechatpay-serial']).to.equal(PUBKEY.serial);
      expect(JSON.parse(jsapi.body)).to.deep.include({ appid: APP_ID, mchid: MCH_ID, notify_url: `${shop.url}/api/v1/pay/notify`, amount: { total: order.totalFee, currency: 'CNY' } });
      expect(stub.requests.some((request) => request.url === '/v3/certificates')).to.equal(false);
    });

    it('a v3 notification on the one notify URL pays the order (204, no body); its retry is acknowledged and moves nothing', async () => {
      const order = await preparedOrder(shop, 'bob');
      const message = v3Payment(order.order_no, order.totalFee, {}, { transaction_id: '4200000001202611240000000101' });
      const first = await notify(shop, 'notify', message.body, message.headers);
      expect(first).to.include({ status: 204, text: '' });
      expect(await statusOf(shop, order.order_id)).to.equal(2);
      const retried = await notify(shop, 'notify', message.body, message.headers);
      expect(retried).to.include({ status: 204, text: '' });
      const logged = await shop.resources.database.db.selectFrom('payment_notification').select('outcome').where('transaction_id', '=', '4200000001202611240000000101').execute();
      expect(logged).to.deep.equal([{ outcome: 'PAID' }]);
    });

    it('refuses a forged, probing or mismatched v3 notification with 4xx {"code":"FAIL"} and changes nothing', async () => {
      const order = await preparedOrder(shop, 'carol');
      const genuine = v3Payment(order.order_no, order.totalFee);
      const rows: Array<[string, { body: string; headers: Record<string, string> }, number]> = [
        ['signed by the merchant key', v3Payment(order.order_no, order.totalFee, { key: MERCHANT, serial: PUBKEY.serial }), 401],
        ['an unknown serial', v3Payment(order.order_no, order.totalFee, { key: PLATFORM_B }), 401],
        ['a SIGNTEST probe', v3Payment(order.order_no, order.totalFee, { signature: 'WECHATPAY/SIGNTEST/abc' }), 401],
        ['a body edited after signing', { ...genuine, body: genuine.body.replace('支付成功', '支付失败') }, 401],
        ['a stale timestamp', v3Payment(order.order_no, order.totalFee, { timestamp: NOW.getTime() / 1000 - 301 }), 401],
        ['another amount', v3Payment(order.order_no, order.totalFee + 1), 400],
        ['another mchid', v3Payment(order.order_no, order.totalFee, {}, { mchid: '1900000999' }), 400],
        ['no signature headers at all', { body: genuine.body, headers: json }, 401],
        ['a body that is neither JSON nor XML (refused on its missing signature, before it is parsed)', { body: 'hello', headers: { 'content-type': 'text/plain' } }, 401],
      ];
      for (const [label, message, status] of rows) {
        const answer = await notify(shop, 'notify', message.body, message.headers);
        expect(answer.status, label).to.equal(status);
        expect(answer.type, label).to.match(/^application\/json/);
        const { code, message: text, ...rest } = JSON.parse(answer.text) as Record<string, unknown>;
        expect({ code, rest, text: typeof text }, label).to.deep.equal({ code: 'FAIL', rest: {}, text: 'string' });
      }
      expect(await statusOf(shop, order.order_id)).to.equal(1);
      expect(await notify(shop, 'notify', genuine.body, genuine.headers)).to.include({ status: 204 });
      expect(await statusOf(shop, order.order_id)).to.equal(2);
    });

    it('still settles an order of the v2 days: a v2 XML notification on the same URL is answered in XML', async () => {
      const order = await preparedOrder(shop, 'dave');
      const fields = { appid: APP_ID, mch_id: MCH_ID, nonce_str: 'n0nce', out_trade_no: order.order_no, transaction_id: '4200000001202611240000000202', result_code: 'SUCCESS', return_code: 'SUCCESS', total_fee: String(order.totalFee), time_end: '20261124200102' };
      const forged = buildXmlMessage({ ...fields, sign: sign(fields, 'x'.repeat(32), 'MD5') });
      const refused = await notify(shop, 'notify', forged, { 'content-type': 'text/xml' });
      expect(refused.status).to.equal(400);
      expect(refused.text).to.include('<return_code><![CDATA[FAIL]]></return_code>');
      const answer = await notify(shop, 'notify', buildXmlMessage({ ...fields, sign: sign(fields, V2_KEY, 'MD5') }), { 'content-type': 'text/xml' });
      expect(answer.status).to.equal(200);
      expect(answer.type).to.match(/^application\/xml/);
      expect(answer.text).to.include('<return_code><![CDATA[SUCCESS]]></return_code>');
      expect(await statusOf(shop, order.order_id)).to.equal(2);
    });

    it('refunds over v3 and records the v3 refund notification', async () => {
      const order = await preparedOrder(shop, 'erin');
      const paid = v3Payment(order.order_no, order.totalFee, {}, { transaction_id: '4200000001202611240000000303' });
      expect((await notify(shop, 'notify', paid.body, paid.headers)).status).to.equal(204);
      const admin = await shop.shopper.superToken();
      const requested = await fetch(`${shop.url}/api/v1/order/refund`, { method: 'POST', headers: { ...json, token: admin }, body: JSON.stringify({ id: order.order_id, reason: '不想要了' }) });
      expect(requested.status).to.equal(201);
      const { out_refund_no: outRefundNo } = (await requested.json()) as { out_refund_no: string };
      const sent = stub.requests.find((request) => request.url === '/v3/refund/domestic/refunds' && request.body.includes(outRefundNo))!;
      expect(JSON.parse(sent.body)).to.deep.include({ transaction_id: '4200000001202611240000000303', notify_url: `${shop.url}/api/v1/pay/refund_notify`, amount: { refund: order.totalFee, total: order.totalFee, currency: 'CNY' } });

      const body = envelope(refundResult({ out_refund_no: outRefundNo, refund_id: `50${outRefundNo}`, refund_status: 'SUCCESS' }), { eventType: 'REFUND.SUCCESS' });
      const forged = await notify(shop, 'refund_notify', body, { ...json, ...wechatpayHeaders(body, { key: PLATFORM_A, serial: PUBKEY.serial }) });
      expect(forged.status).to.equal(401);
      expect(await notify(shop, 'refund_notify', body, { ...json, ...wechatpayHeaders(body) })).to.include({ status: 204, text: '' });
      const refund = await shop.resources.database.db.selectFrom('refund').select('status').where('out_refund_no', '=', outRefundNo).executeTakeFirstOrThrow();
      expect(refund.status).to.equal('REFUNDED');
    });
  });

  describe('platform-certificate mode', () => {
    let stub: StubWeChat;
    let folder: string;
    let listed = [PLATFORM_A_CERT];
    const downloads = () => stub.requests.filter((request) => request.url === '/v3/certificates').length;
    before(async () => {
      stub = await startStubWeChat(undefined, { now: () => NOW });
      wechatPay(stub, () => listed);
      folder = mkdtempSync(join(tmpdir(), 'weshop-v3-'));
    });
    after(async () => {
      await stub?.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it('downloads the certificates before serving, once for every instance on the database; a rotation costs one more download', async () => {
      const env = { DATABASE_URL: join(folder, 'shop.sqlite') };
      const first = await startV3Shop(stub, env);
      try {
        expect(downloads()).to.equal(1);
        const stored = await first.resources.database.db.selectFrom('wechat_pay_certificates').select('snapshot').execute();
        expect(stored).to.have.length(1);
        expect(stored[0]!.snapshot).to.include(PLATFORM_A_CERT.serialNumber).and.not.include(API_V3_KEY);

        const second = await startV3Shop(stub, env);
        try {
          expect(downloads()).to.equal(1);
          const order = await preparedOrder(second, 'frank');
          expect(stub.requests.find((request) => request.url === '/v3/pay/transactions/jsapi' && request.body.includes(order.order_no))?.headers['wechatpay-serial']).to.equal(undefined);
          const signedByA = v3Payment(order.order_no, order.totalFee, { key: PLATFORM_A });
          expect((await notify(second, 'notify', signedByA.body, signedByA.headers)).status).to.equal(204);
          expect(await statusOf(second, order.order_id)).to.equal(2);

          // WeChat rotates: a notification signed by the new certificate makes one instance download, and the other sees it.
          listed = [PLATFORM_A_CERT, PLATFORM_B_CERT];
          const next = await preparedOrder(first, 'grace');
          const signedByB = v3Payment(next.order_no, next.totalFee, { key: PLATFORM_B });
          expect((await notify(first, 'notify', signedByB.body, signedByB.headers)).status).to.equal(204);
          expect(await statusOf(first, next.order_id)).to.equal(2);
          expect(downloads()).to.equal(2);
          const last = await preparedOrder(second, 'heidi');
          const alsoByB = v3Payment(last.order_no, last.totalFee, { key: PLATFORM_B });
          expect((await notify(second, 'notify', alsoByB.body, alsoByB.headers)).status).to.equal(204);
          expect(await statusOf(second, last.order_id)).to.equal(2);
          expect(downloads()).to.equal(2);
          // Public-key signatures mean nothing to a shop without the public key.
          const byPublicKey = v3Payment(last.order_no, last.totalFee, { key: PUBKEY });
          expect((await notify(second, 'notify', byPublicKey.body, byPublicKey.headers)).status).to.equal(401);
        } finally {
          await second.close();
        }
      } finally {
        await first.close();
      }
    });

    it('during the switch-over takes messages signed by either key, each by its serial', async () => {
      const shop = await startV3Shop(stub, { ...publicKeyEnv, WECHAT_PAY_PLATFORM_CERTIFICATES: 'true', DATABASE_URL: ':memory:' });
      try {
        for (const [who, key] of [['ivan', PLATFORM_A], ['judy', PUBKEY], ['ken', PLATFORM_B]] as const) {
          const order = await preparedOrder(shop, who);
          const message = v3Payment(order.order_no, order.totalFee, { key });
          expect((await notify(shop, 'notify', message.body, message.headers)).status, who).to.equal(204);
          expect(await statusOf(shop, order.order_id), who).to.equal(2);
        }
      } finally {
        await shop.close();
      }
    });

    it('will not start when the certificates cannot be downloaded', async () => {
      const broken = await startStubWeChat(() => ({ status: 500, json: { code: 'SYSTEM_ERROR', message: 'down' } }), { now: () => NOW });
      try {
        let failure: unknown = null;
        await startV3Shop(broken, { DATABASE_URL: ':memory:' }).then((shop) => shop.close(), (error: unknown) => (failure = error));
        expect(String(failure)).to.match(/\/v3\/certificates answered HTTP 500/);
      } finally {
        await broken.close();
      }
    });
  });
});
