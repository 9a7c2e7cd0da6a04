import { expect } from 'chai';
import type { RefundRequest } from '../../../../src/application/index.js';
import { failureOf, v3For } from './support/client.js';
import { type StubWeChat, startStubWeChat } from './support/stub-wechat.js';

const request: RefundRequest = { outRefundNo: 'R1124200312345', transactionId: '4200000001202611240000000001', totalFee: 2590, refundFee: 1000, reason: '库存不足，自动退款' };
const refund = (overrides: Record<string, unknown> = {}) => ({
  refund_id: '50000000382019052709732678859',
  out_refund_no: request.outRefundNo,
  transaction_id: request.transactionId,
  out_trade_no: 'B1124200312345',
  channel: 'ORIGINAL',
  user_received_account: '招商银行信用卡0403',
  create_time: '2026-11-24T20:05:00+08:00',
  status: 'PROCESSING',
  amount: { total: 2590, refund: 1000, payer_total: 2590, payer_refund: 1000, currency: 'CNY' },
  ...overrides,
});

describe('WeChatPayV3Client refunds against a stub WeChat', () => {
  let stub: StubWeChat;
  beforeEach(async () => {
    stub = await startStubWeChat();
  });
  afterEach(() => stub.close());

  it('submits POST /v3/refund/domestic/refunds in fen, with no client certificate, and returns the refund id', async () => {
    stub.handle(() => ({ json: refund() }));
    expect(await v3For(stub.url).client.refund(request)).to.equal('50000000382019052709732678859');
    expect(stub.requests[0]).to.include({ method: 'POST', url: '/v3/refund/domestic/refunds', authorized: true });
    expect(JSON.parse(stub.requests[0]!.body)).to.deep.equal({
      transaction_id: request.transactionId,
      out_refund_no: request.outRefundNo,
      reason: request.reason,
      notify_url: 'https://shop.example/api/v1/pay/refund_notify',
      amount: { refund: 1000, total: 2590, currency: 'CNY' },
    });
  });

  it('leaves out notify_url when none is configured (the merchant platform one applies)', async () => {
    stub.handle(() => ({ json: refund() }));
    await v3For(stub.url, { refundNotifyUrl: null }).client.refund(request);
    expect(JSON.parse(stub.requests[0]!.body)).not.to.have.property('notify_url');
  });

  it('answers try-later refusals as SYSTEMERROR and final ones as REJECTED; checks amounts first', async () => {
    const rows: Array<[number, string, string]> = [
      [403, 'NOT_ENOUGH', 'SYSTEMERROR'],
      [429, 'FREQUENCY_LIMITED', 'SYSTEMERROR'],
      [400, 'INVALID_REQUEST', 'REJECTED'],
      [403, 'USER_ACCOUNT_ABNORMAL', 'REJECTED'],
    ];
    for (const [status, code, reason] of rows) {
      stub.handle(() => ({ status, json: { code, message: code } }));
      expect((await failureOf(v3For(stub.url).client.refund(request))).reason, code).to.equal(reason);
    }
    const before = stub.requests.length;
    for (const amounts of [{ refundFee: 0 }, { refundFee: 2591 }, { refundFee: 10.5 }]) {
      expect((await failureOf(v3For(stub.url).client.refund({ ...request, ...amounts }))).reason).to.equal('REJECTED');
    }
    expect(stub.requests).to.have.length(before);
  });

  it('refuses a refund answer for another out_refund_no or without refund_id', async () => {
    for (const overrides of [{ out_refund_no: 'R-other' }, { refund_id: undefined }]) {
      stub.handle(() => ({ json: refund(overrides) }));
      expect((await failureOf(v3For(stub.url).client.refund(request))).reason).to.equal('INVALID_RESPONSE');
    }
  });

  it("queries a refund and speaks the port's (v2) states: ABNORMAL is CHANGE, CLOSED is REFUNDCLOSE", async () => {
    const rows: Array<[string, string]> = [['SUCCESS', 'SUCCESS'], ['PROCESSING', 'PROCESSING'], ['ABNORMAL', 'CHANGE'], ['CLOSED', 'REFUNDCLOSE']];
    for (const [status, state] of rows) {
      stub.handle(() => ({ json: refund({ status }) }));
      expect(await v3For(stub.url).client.queryRefund(request.outRefundNo)).to.deep.equal({ state, refundId: '50000000382019052709732678859' });
    }
    expect(stub.requests[0]).to.include({ method: 'GET', url: `/v3/refund/domestic/refunds/${request.outRefundNo}`, body: '' });
    stub.handle(() => ({ status: 404, json: { code: 'RESOURCE_NOT_EXISTS', message: '退款单不存在' } }));
    expect(await v3For(stub.url).client.queryRefund(request.outRefundNo)).to.deep.equal({ state: 'NOT_FOUND' });
    stub.handle(() => ({ json: refund({ status: 'constructor' }) }));
    expect((await failureOf(v3For(stub.url).client.queryRefund(request.outRefundNo))).reason).to.equal('INVALID_RESPONSE');
  });
});
