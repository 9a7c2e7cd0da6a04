import { expect } from 'chai';
import {
  CertificateVerifier,
  CombinedVerifier,
  PublicKeyVerifier,
  StaticCertificates,
  V3NotificationRejected,
  WechatPayValidator,
  answerV3,
  decodeV3PaymentNotification,
  decodeV3RefundNotification,
} from '../../../../src/adapters/wechat/v3/index.js';
import { API_V3_KEY, APP_ID, MCH_ID, MERCHANT, NOW, NOW_SECONDS, PLATFORM_A, PLATFORM_A_CERT, PUBKEY } from './support/keys.js';
import { type EnvelopeOptions, type SignOptions, envelope, refundResult, signedNotification, transaction } from './support/messages.js';

const validator = new WechatPayValidator(
  new CombinedVerifier(new PublicKeyVerifier(PUBKEY.serial, PUBKEY.publicKey), new CertificateVerifier(new StaticCertificates([PLATFORM_A_CERT]), () => NOW)),
  { now: () => NOW },
);
const config = { appId: APP_ID, mchId: MCH_ID, apiV3Key: API_V3_KEY, validator };
const payment = (resource: object | string = transaction(), options: EnvelopeOptions & SignOptions = {}) => signedNotification(envelope(resource, options), options);

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(V3NotificationRejected);
    return (error as V3NotificationRejected).reason;
  }
  return 'ACCEPTED';
}

/** Flips one bit of the ciphertext's byte at `index` (negative: from the end, where the tag is). */
const flipByte = (base64: string, index: number) => {
  const bytes = Buffer.from(base64, 'base64');
  const at = index < 0 ? bytes.length + index : index;
  bytes[at] = bytes[at]! ^ 0x80;
  return bytes.toString('base64');
};

describe('v3 payment notification', () => {
  it('decodes to the same VerifiedPaymentNotification the v2 codec produces', async () => {
    expect(await decodeV3PaymentNotification(payment(), config)).to.deep.equal({
      outTradeNo: 'B1124200312345',
      transactionId: '4200000001202611240000000001',
      totalFee: 2590,
      resultCode: 'SUCCESS',
      paidAt: new Date('2026-11-24T12:01:02.000Z'),
    });
  });

  it('decodes a message signed by the platform certificate as well (switch-over), and raw bytes as well as text', async () => {
    const { headers, body } = payment(transaction(), { key: PLATFORM_A });
    expect((await decodeV3PaymentNotification({ headers, body: Buffer.from(body, 'utf8') }, config)).totalFee).to.equal(2590);
  });

  it('a failed payment is acknowledged under its own key, as in v2', async () => {
    const decoded = await decodeV3PaymentNotification(payment(transaction({ trade_state: 'PAYERROR', transaction_id: undefined, success_time: undefined })), config);
    expect(decoded).to.deep.equal({ outTradeNo: 'B1124200312345', transactionId: 'FAIL:B1124200312345', totalFee: 2590, resultCode: 'FAIL', paidAt: null });
  });

  const rows: Array<[string, () => { headers: Record<string, string | string[]>; body: string }, string]> = [
    ['bad signature', () => payment(transaction(), { signature: Buffer.alloc(256, 1).toString('base64') }), 'BAD_SIGNATURE'],
    ['unknown serial', () => payment(transaction(), { serial: 'PUB_KEY_ID_0119000001092099999999999999999999' }), 'UNKNOWN_SERIAL'],
    ['an unknown certificate serial', () => payment(transaction(), { key: PLATFORM_A, serial: 'ABCDEF0123456789' }), 'UNKNOWN_SERIAL'],
    ['stale timestamp (301 s old)', () => payment(transaction(), { timestamp: NOW_SECONDS - 301 }), 'STALE_TIMESTAMP'],
    ['future timestamp (301 s ahead)', () => payment(transaction(), { timestamp: NOW_SECONDS + 301 }), 'FUTURE_TIMESTAMP'],
    ['SIGNTEST probe', () => payment(transaction(), { signature: 'WECHATPAY/SIGNTEST/c2lnbmF0dXJl' }), 'SIGNTEST_PROBE'],
    ["signature by the merchant's own key under the public key id", () => payment(transaction(), { key: MERCHANT, serial: PUBKEY.serial }), 'BAD_SIGNATURE'],
    ["signature by the merchant's own key under its serial", () => payment(transaction(), { key: MERCHANT }), 'UNKNOWN_SERIAL'],
    ['signature by the platform key under the public key id', () => payment(transaction(), { key: PLATFORM_A, serial: PUBKEY.serial }), 'BAD_SIGNATURE'],
    ['no Wechatpay-Signature', () => {
      const genuine = payment();
      return { headers: { ...genuine.headers, 'Wechatpay-Signature': '' }, body: genuine.body };
    }, 'MISSING_HEADER'],
    ['a body edited after signing', () => {
      const genuine = payment();
      return { headers: genuine.headers, body: genuine.body.replace('"summary":"支付成功"', '"summary":"支付成功 "') };
    }, 'BAD_SIGNATURE'],
    ['tampered ciphertext', () => payment(transaction(), { tamper: (r) => ({ ...r, ciphertext: flipByte(r.ciphertext!, 0) }) }), 'BAD_RESOURCE'],
    ['tampered tag', () => payment(transaction(), { tamper: (r) => ({ ...r, ciphertext: flipByte(r.ciphertext!, -1) }) }), 'BAD_RESOURCE'],
    ['tampered associated data', () => payment(transaction(), { tamper: (r) => ({ ...r, associated_data: 'refund' }) }), 'BAD_RESOURCE'],
    ['tampered nonce', () => payment(transaction(), { tamper: (r) => ({ ...r, nonce: 'fdasflkja485' }) }), 'BAD_RESOURCE'],
    ['encrypted with another APIv3 key', () => payment(transaction(), { apiV3Key: 'another32ByteApiV3KeyForTesting!' }), 'BAD_RESOURCE'],
    ['a resource that is not encrypted', () => payment(transaction(), { resourceType: 'plain' }), 'NOT_ENCRYPTED'],
    ['another mchid', () => payment(transaction({ mchid: '1900000999' })), 'WRONG_MCH_ID'],
    ['another appid', () => payment(transaction({ appid: 'wx_someone_else' })), 'WRONG_APPID'],
    ...[1.5, 0, -1, '2590', null, 9007199254740992].map((total): [string, () => { headers: Record<string, string>; body: string }, string] => [
      `amount.total ${JSON.stringify(total)}`,
      () => payment(transaction({ amount: { total, currency: 'CNY' } })),
      'BAD_AMOUNT',
    ]),
    ['no amount', () => payment(transaction({ amount: undefined })), 'BAD_AMOUNT'],
    ['amount in USD', () => payment(transaction({ amount: { total: 2590, currency: 'USD' } })), 'BAD_AMOUNT'],
    ['no out_trade_no', () => payment(transaction({ out_trade_no: undefined })), 'MISSING_FIELD'],
    ['an out_trade_no WeChat would never send', () => payment(transaction({ out_trade_no: "B1'; DROP TABLE order;--" })), 'MISSING_FIELD'],
    ['SUCCESS without transaction_id', () => payment(transaction({ transaction_id: undefined })), 'MISSING_FIELD'],
    ['a refund notification sent to the payment URL', () => payment(refundResult(), { eventType: 'REFUND.SUCCESS' }), 'WRONG_EVENT'],
    ['non-JSON body, validly signed', () => signedNotification('<xml><return_code>SUCCESS</return_code></xml>'), 'BAD_JSON'],
    ['a JSON array, validly signed', () => signedNotification('[]'), 'BAD_JSON'],
    ['a resource that decrypts to non-JSON', () => payment('not json'), 'BAD_RESOURCE'],
    ['70 KB, validly signed', () => payment(transaction({ attach: 'x'.repeat(70 * 1024) })), 'TOO_LARGE'],
  ];
  for (const [name, message, reason] of rows) {
    it(`refuses ${name}: ${reason}`, async () => {
      expect(await reasonOf(decodeV3PaymentNotification(message(), config))).to.equal(reason);
    });
  }

  it('error messages name what was wrong and carry no key material', async () => {
    const error = await decodeV3PaymentNotification(payment(transaction({ mchid: '1900000999' })), config).then(
      () => null,
      (rejected: unknown) => rejected as Error,
    );
    expect(error?.message).to.equal('mchid "1900000999" is not ours');
    expect(error?.message).not.to.contain(API_V3_KEY);
  });
});

describe('v3 refund notification', () => {
  const refund = (resource: object = refundResult(), options: EnvelopeOptions & SignOptions = {}) =>
    signedNotification(envelope(resource, { eventType: 'REFUND.SUCCESS', ...options }), options);
  const refundConfig = { mchId: MCH_ID, apiV3Key: API_V3_KEY, validator };

  it('decodes to the same VerifiedRefundNotification the v2 codec produces', async () => {
    expect(await decodeV3RefundNotification(refund(), refundConfig)).to.deep.equal({ outRefundNo: 'R1124200312345', refundId: '50000000382019052709732678859', refundStatus: 'SUCCESS' });
    expect((await decodeV3RefundNotification(refund(refundResult({ refund_status: 'ABNORMAL' }), { eventType: 'REFUND.ABNORMAL' }), refundConfig)).refundStatus).to.equal('CHANGE');
    expect((await decodeV3RefundNotification(refund(refundResult({ refund_status: 'CLOSED' }), { eventType: 'REFUND.CLOSED' }), refundConfig)).refundStatus).to.equal('REFUNDCLOSE');
  });

  it('refuses what the payment notification refuses, and a payment sent to the refund URL', async () => {
    expect(await reasonOf(decodeV3RefundNotification(refund(refundResult(), { key: MERCHANT, serial: PUBKEY.serial }), refundConfig))).to.equal('BAD_SIGNATURE');
    expect(await reasonOf(decodeV3RefundNotification(refund(refundResult(), { timestamp: NOW_SECONDS - 400 }), refundConfig))).to.equal('STALE_TIMESTAMP');
    expect(await reasonOf(decodeV3RefundNotification(refund(refundResult(), { tamper: (r) => ({ ...r, associated_data: 'transaction' }) }), refundConfig))).to.equal('BAD_RESOURCE');
    expect(await reasonOf(decodeV3RefundNotification(refund(refundResult({ mchid: '1900000999' })), refundConfig))).to.equal('WRONG_MCH_ID');
    expect(await reasonOf(decodeV3RefundNotification(refund(refundResult({ refund_status: 'toString' })), refundConfig))).to.equal('MISSING_FIELD');
    expect(await reasonOf(decodeV3RefundNotification(refund(refundResult({ refund_id: undefined })), refundConfig))).to.equal('MISSING_FIELD');
    expect(await reasonOf(decodeV3RefundNotification(payment(), refundConfig))).to.equal('WRONG_EVENT');
  });
});

describe('v3 notification answers', () => {
  it('success has no body (200/204); failure is {"code":"FAIL","message":…}', () => {
    expect(answerV3(true)).to.equal('');
    expect(JSON.parse(answerV3(false, 'rejected'))).to.deep.equal({ code: 'FAIL', message: 'rejected' });
    expect(JSON.parse(answerV3(false))).to.deep.equal({ code: 'FAIL', message: 'FAIL' });
  });
});
