import { expect } from 'chai';
import { answerXml, decodePaymentNotification } from '../../src/adapters/wechat/payment-notification.codec.js';
import { WECHAT_NOTIFY_RETRY_SECONDS } from '../../sandbox/index.js';
import { NOW, type Receiver, type RunningSandbox, startReceiver, startSandbox } from '../support/wechat-sandbox.js';

const FAIL = { status: 200, body: answerXml(false, 'busy') };
const SUCCESS = { status: 200, body: answerXml(true) };

describe('unifiedorder → sandbox payment → signed notification → retries, over loopback HTTP', () => {
  let running: RunningSandbox;
  let receiver: Receiver;
  afterEach(async () => {
    await running.sandbox.close();
    await receiver.close();
  });

  async function prepaidOrder(answers: Array<{ status: number; body: string }>, signType: 'MD5' | 'HMAC-SHA256' = 'MD5') {
    receiver = await startReceiver(answers);
    running = await startSandbox({}, receiver.url);
    const client = running.client({}, { signType });
    const prepayId = await client.prepay({
      outTradeNo: 'B1124200399999',
      totalFee: 1990,
      body: '小米手机',
      openid: 'oUser',
      clientIp: '127.0.0.1',
      timeExpire: new Date(NOW.getTime() + 3600_000),
    });
    return { client, prepayId };
  }

  it('retries on WeChat schedule until the merchant answers SUCCESS', async () => {
    await prepaidOrder([FAIL, { status: 500, body: 'oops' }, SUCCESS]);
    const started = Date.now();
    const payment = running.sandbox.pay('B1124200399999');
    await running.sandbox.idle();
    const elapsed = Date.now() - started;

    expect(receiver.bodies).to.have.length(3);
    expect(new Set(receiver.bodies).size).to.equal(1);
    const notification = decodePaymentNotification(receiver.bodies[0]!, running.config);
    expect(notification).to.deep.equal({
      outTradeNo: 'B1124200399999',
      transactionId: payment.transactionId,
      totalFee: 1990,
      resultCode: 'SUCCESS',
      paidAt: NOW,
    });
    const [delivery] = running.sandbox.notifications();
    expect(delivery!.state).to.equal('ACKNOWLEDGED');
    expect(delivery!.attempts.map((attempt) => attempt.answer)).to.deep.equal(['FAIL', 'FAIL', 'SUCCESS']);
    // 15 s + 15 s of WeChat time at timeScale 0.001
    expect(elapsed).to.be.below(500);
  });

  it('signs notifications the way the order was signed (HMAC-SHA256 named in sign_type)', async () => {
    await prepaidOrder([SUCCESS], 'HMAC-SHA256');
    running.sandbox.pay('B1124200399999');
    await running.sandbox.idle();
    expect(receiver.bodies[0]).to.contain('<sign_type><![CDATA[HMAC-SHA256]]></sign_type>');
    expect(decodePaymentNotification(receiver.bodies[0]!, running.config).totalFee).to.equal(1990);
  });

  it('pays by prepay id, sends duplicates and late notifications through the control API', async () => {
    const { prepayId } = await prepaidOrder([SUCCESS]);
    const control = (path: string, body: unknown) =>
      fetch(`${running.listening.url}/sandbox${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const paid = await control('/pay', { prepay_id: prepayId });
    expect(paid.status).to.equal(200);
    const outcome = (await paid.json()) as { tradeState: string; transactionId: string };
    expect(outcome.tradeState).to.equal('SUCCESS');
    expect((await control('/pay', { prepay_id: prepayId })).status).to.equal(409);

    expect((await control('/notifications/duplicate', { out_trade_no: 'B1124200399999' })).status).to.equal(200);
    expect((await control('/notifications/late', { out_trade_no: 'B1124200399999', after_seconds: 60 })).status).to.equal(200);
    await running.sandbox.idle();

    const list = (await (await fetch(`${running.listening.url}/sandbox/notifications`)).json()) as Array<{ kind: string; state: string; transactionId: string }>;
    expect(list.map((delivery) => delivery.kind)).to.deep.equal(['PAYMENT', 'DUPLICATE', 'LATE']);
    expect(list.every((delivery) => delivery.state === 'ACKNOWLEDGED' && delivery.transactionId === outcome.transactionId)).to.equal(true);
    const decoded = receiver.bodies.map((body) => decodePaymentNotification(body, running.config).transactionId);
    expect(new Set(decoded)).to.deep.equal(new Set([outcome.transactionId]));
  });

  it('notifies a failed payment with result_code FAIL', async () => {
    await prepaidOrder([SUCCESS]);
    running.sandbox.pay('B1124200399999', 'FAIL');
    await running.sandbox.idle();
    expect(decodePaymentNotification(receiver.bodies[0]!, running.config)).to.include({ resultCode: 'FAIL' });
  });

  it('plays a lost notification: nothing is sent, orderquery knows the payment', async () => {
    const { client } = await prepaidOrder([SUCCESS]);
    const payment = running.sandbox.pay('B1124200399999', 'SUCCESS', { notify: false });
    await running.sandbox.idle();
    expect(receiver.bodies).to.have.length(0);
    expect(running.sandbox.notifications()[0]!.state).to.equal('LOST');
    expect(await client.queryTrade('B1124200399999')).to.include({ state: 'SUCCESS', transactionId: payment.transactionId });
  });

  it('pays a closed order only when forced (a payment racing the close)', async () => {
    const { client } = await prepaidOrder([SUCCESS]);
    await client.closeTrade('B1124200399999');
    expect(() => running.sandbox.pay('B1124200399999')).to.throw(/closed/);
    running.sandbox.pay('B1124200399999', 'SUCCESS', { force: true });
    await running.sandbox.idle();
    expect(decodePaymentNotification(receiver.bodies[0]!, running.config).resultCode).to.equal('SUCCESS');
  });

  it('close() stops pending retries', async () => {
    await prepaidOrder([FAIL]);
    running.sandbox.pay('B1124200399999');
    await new Promise((resolve) => setTimeout(resolve, 60));
    await running.sandbox.close();
    const [delivery] = running.sandbox.notifications();
    expect(delivery!.state).to.equal('STOPPED');
    // A request written before close() may still be on its way into the receiver; let it land first.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const sent = receiver.bodies.length;
    expect(sent).to.be.greaterThan(0).and.below(WECHAT_NOTIFY_RETRY_SECONDS.length + 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.bodies.length).to.equal(sent);
  });

  it('stops after WeChat’s 15 retries (16 attempts) when never answered SUCCESS', async () => {
    receiver = await startReceiver([FAIL]);
    running = await startSandbox({ timeScale: 0.000001 }, receiver.url);
    await running.client().prepay({
      outTradeNo: 'B2',
      totalFee: 1,
      body: 'x',
      openid: 'o',
      clientIp: '127.0.0.1',
      timeExpire: new Date(NOW.getTime() + 3600_000),
    });
    running.sandbox.pay('B2');
    await running.sandbox.idle();
    expect(running.sandbox.notifications()[0]!.state).to.equal('GAVE_UP');
    expect(receiver.bodies).to.have.length(16);
  });
});
