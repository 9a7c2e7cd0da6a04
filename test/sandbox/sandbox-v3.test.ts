import { expect } from 'chai';
import { PaymentGatewayError } from '../../src/application/index.js';
import { WeChatPayClient } from '../../src/adapters/wechat/wechat-pay.client.js';
import { NOW, type RunningV3Sandbox, codecsOf, prepayRequest, startV3Sandbox } from './sandbox-v3-support.js';

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PaymentGatewayError) return error.reason;
    throw error;
  }
  return 'NO FAILURE';
}

describe('WeChat Pay sandbox, API v3, driven by the shop\'s v3 client', () => {
  let running: RunningV3Sandbox;
  beforeEach(async () => {
    running = await startV3Sandbox();
  });
  afterEach(() => running.close());

  it('prepay → pay → a signed, encrypted TRANSACTION.SUCCESS the v3 codec decodes, retried until answered 2xx', async () => {
    const v3 = running.v3();
    running.receiver.decodeWith(codecsOf(v3));
    running.receiver.forced.push(500);
    const prepayId = await v3.client.prepay(prepayRequest('V3PAY1'));
    expect(prepayId).to.match(/^wx\d{14}[0-9a-f]{20}$/);
    expect(v3.client.paymentParams(prepayId)).to.include({ package: `prepay_id=${prepayId}`, signType: 'RSA' });
    expect(running.sandbox.orders()[0]).to.include({ protocol: 'v3', outTradeNo: 'V3PAY1', totalFee: '2590', timeExpire: '2026-11-24T20:30:00+08:00' });

    const paid = running.sandbox.pay('V3PAY1');
    await running.sandbox.idle();
    const delivery = running.sandbox.notifications().find((each) => each.id === paid.notificationId)!;
    expect(delivery).to.include({ protocol: 'v3', kind: 'PAYMENT', state: 'ACKNOWLEDGED' });
    expect(delivery.attempts.map((attempt) => [attempt.status, attempt.answer])).to.deep.equal([[500, 'FAIL'], [204, 'SUCCESS']]);
    const [first, second] = running.receiver.received;
    expect(first!.headers).to.include({ 'content-type': 'application/json', 'wechatpay-serial': running.sandbox.merchantV3.publicKeyId });
    // Each attempt is signed anew.
    expect(second!.headers['wechatpay-nonce']).to.not.equal(first!.headers['wechatpay-nonce']);
    expect(second!.outcome).to.deep.equal({ outTradeNo: 'V3PAY1', transactionId: paid.transactionId, totalFee: 2590, resultCode: 'SUCCESS', paidAt: new Date(Math.floor(NOW.getTime() / 1000) * 1000) });
    const envelope = JSON.parse(second!.body) as { event_type: string; resource: { associated_data: string; algorithm: string; nonce: string } };
    expect(envelope).to.include({ event_type: 'TRANSACTION.SUCCESS', resource_type: 'encrypt-resource' });
    expect(envelope.resource).to.include({ associated_data: 'transaction', algorithm: 'AEAD_AES_256_GCM' });
  });

  it('queries, closes and refuses as WeChat does: NOT_FOUND, NOTPAY, SUCCESS with its time, ORDERPAID, ORDERCLOSED, OUT_TRADE_NO_USED', async () => {
    const { client } = running.v3();
    expect(await client.queryTrade('NOPE')).to.deep.equal({ state: 'NOT_FOUND', outTradeNo: 'NOPE' });
    await client.prepay(prepayRequest('V3Q1'));
    expect(await client.prepay(prepayRequest('V3Q1'))).to.equal(running.sandbox.orders()[0]!.prepayId);
    expect(await failure(client.prepay(prepayRequest('V3Q1', 1)))).to.equal('OUT_TRADE_NO_USED');
    expect(await client.queryTrade('V3Q1')).to.deep.equal({ state: 'NOTPAY', outTradeNo: 'V3Q1', totalFee: 2590 });
    const paid = running.sandbox.pay('V3Q1', 'SUCCESS', { notify: false });
    expect(await client.queryTrade('V3Q1')).to.deep.equal({ state: 'SUCCESS', outTradeNo: 'V3Q1', transactionId: paid.transactionId, totalFee: 2590, paidAt: new Date(Math.floor(NOW.getTime() / 1000) * 1000) });
    expect(await failure(client.closeTrade('V3Q1'))).to.equal('ORDERPAID');
    expect(await failure(client.prepay(prepayRequest('V3Q1')))).to.equal('ORDERPAID');

    await client.prepay(prepayRequest('V3Q2'));
    await client.closeTrade('V3Q2');
    await client.closeTrade('V3Q2');
    expect((await client.queryTrade('V3Q2')).state).to.equal('CLOSED');
    expect(await failure(client.prepay(prepayRequest('V3Q2')))).to.equal('ORDERCLOSED');
    // A payment that fails is not notified in v3.
    await client.prepay(prepayRequest('V3Q3'));
    expect(running.sandbox.pay('V3Q3', 'FAIL').notificationId).to.equal(null);
    expect((await client.queryTrade('V3Q3')).state).to.equal('PAYERROR');
  });

  it('refunds with the signed request alone, queries PROCESSING, and settles with REFUND.* notifications the refund codec decodes', async () => {
    const v3 = running.v3();
    running.receiver.decodeWith(codecsOf(v3));
    await v3.client.prepay(prepayRequest('V3R1'));
    const { transactionId } = running.sandbox.pay('V3R1', 'SUCCESS', { notify: false });
    const refund = (outRefundNo: string, refundFee: number) => v3.client.refund({ outRefundNo, transactionId: transactionId!, totalFee: 2590, refundFee, reason: '退货' });
    const refundId = await refund('V3R1-1', 1000);
    expect(await refund('V3R1-1', 1000)).to.equal(refundId);
    expect(await failure(refund('V3R1-1', 999))).to.equal('REJECTED');
    expect(await failure(refund('V3R1-2', 2000))).to.equal('REJECTED');
    expect(await v3.client.queryRefund('V3R1-1')).to.deep.equal({ state: 'PROCESSING', refundId });
    expect(await v3.client.queryRefund('NOPE')).to.deep.equal({ state: 'NOT_FOUND' });

    running.sandbox.settleRefund('V3R1-1');
    const second = await refund('V3R1-2', 1590);
    running.sandbox.settleRefund('V3R1-2', 'CHANGE');
    await running.sandbox.idle();
    expect(await v3.client.queryRefund('V3R1-1')).to.deep.equal({ state: 'SUCCESS', refundId });
    expect(await v3.client.queryRefund('V3R1-2')).to.deep.equal({ state: 'CHANGE', refundId: second });
    expect(running.receiver.received.map((each) => [each.path, JSON.parse(each.body).event_type, each.outcome])).to.deep.equal([
      ['/api/v1/pay/refund_notify', 'REFUND.SUCCESS', { outRefundNo: 'V3R1-1', refundId, refundStatus: 'SUCCESS' }],
      ['/api/v1/pay/refund_notify', 'REFUND.ABNORMAL', { outRefundNo: 'V3R1-2', refundId: second, refundStatus: 'CHANGE' }],
    ]);
    expect(running.sandbox.refunds().map((each) => each.protocol)).to.deep.equal(['v3', 'v3']);
  });

  it('keeps v2 and v3 orders in one book: each notified in its own protocol, each queried either way', async () => {
    const v3 = running.v3();
    running.receiver.decodeWith(codecsOf(v3));
    const { merchant } = running.sandbox;
    const v2 = new WeChatPayClient(
      { ...merchant, signType: 'MD5', notifyUrl: `${running.receiver.url}/v2/notify`, refundNotifyUrl: null, clientCertificate: null, payApiBase: running.listening.url },
      { maxRetries: 0, backoffMs: 1, now: () => NOW },
    );
    await v2.prepay(prepayRequest('V2ORDER'));
    await v3.client.prepay(prepayRequest('V3ORDER'));
    running.sandbox.pay('V2ORDER');
    running.sandbox.pay('V3ORDER');
    await running.sandbox.idle();
    const [v2Body, v3Body] = running.receiver.received.map((each) => each.body);
    expect(v2Body).to.match(/^<xml>.*<out_trade_no><!\[CDATA\[V2ORDER\]\]><\/out_trade_no>/s);
    expect(JSON.parse(v3Body!)).to.include({ event_type: 'TRANSACTION.SUCCESS' });
    expect(running.sandbox.notifications().map((each) => each.protocol)).to.deep.equal(['v2', 'v3']);
    expect((await v3.client.queryTrade('V2ORDER')).state).to.equal('SUCCESS');
    expect((await v2.queryTrade('V3ORDER')).state).to.equal('SUCCESS');
  });

  it('plays faults on v3 route templates: a signed SYSTEM_ERROR, and a stalled refund that WeChat did process', async () => {
    const { client } = running.v3({}, { timeoutMs: 300 });
    running.sandbox.fail('/v3/pay/transactions/jsapi', { times: 1 });
    expect(await failure(client.prepay(prepayRequest('V3F1')))).to.equal('SYSTEMERROR');
    expect(running.sandbox.orders()).to.have.length(0);
    await client.prepay(prepayRequest('V3F1'));
    const { transactionId } = running.sandbox.pay('V3F1', 'SUCCESS', { notify: false });
    running.sandbox.stall('/v3/refund/domestic/refunds', { processed: true });
    const request = { outRefundNo: 'V3F1-R', transactionId: transactionId!, totalFee: 2590, refundFee: 2590, reason: 'x' };
    expect(await failure(client.refund(request))).to.equal('TIMEOUT');
    expect(running.sandbox.refunds()).to.have.length(1);
    expect(await client.refund(request)).to.equal(running.sandbox.refunds()[0]!.refundId);
    expect(running.sandbox.calls()).to.include({ '/v3/pay/transactions/jsapi': 2, '/v3/refund/domestic/refunds': 2 });
    expect(() => running.sandbox.fail('/v3/pay/transactions/out-trade-no/V3F1')).to.throw(/a fault goes on one of/);
  });
});
