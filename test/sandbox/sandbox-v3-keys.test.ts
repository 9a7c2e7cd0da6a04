import { expect } from 'chai';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SANDBOX_MERCHANT_V3, createSandbox, shopEnvFor } from '../../sandbox/index.js';
import { PaymentGatewayError } from '../../src/application/index.js';
import { WeChatPayClient } from '../../src/adapters/wechat/wechat-pay.client.js';
import { HttpTransport, PublicKeyVerifier, RequestSigner, WechatPayValidator, loadPrivateKey, loadPublicKey } from '../../src/adapters/wechat/v3/index.js';
import { NOW, type RunningV3Sandbox, codecsOf, prepayRequest, startV3Sandbox } from './sandbox-v3-support.js';

const reasonOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'BELIEVED',
    (error: unknown) => (error instanceof PaymentGatewayError ? error.reason : String(error)),
  );
const serialsOf = (running: RunningV3Sandbox) => running.receiver.received.map((each) => each.headers['wechatpay-serial']);
const PLATFORM_A_KEY = () => createPrivateKey(readFileSync(SANDBOX_MERCHANT_V3.platformCertificates[0]!.privateKeyPath, 'utf8'));

async function control(running: RunningV3Sandbox, path: string, body: object = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${running.listening.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function until(done: () => boolean, ms = 5_000): Promise<void> {
  for (const start = Date.now(); !done(); await new Promise((resolve) => setTimeout(resolve, 5))) {
    if (Date.now() - start > ms) throw new Error('timed out');
  }
}

describe('WeChat Pay sandbox, API v3 keys: requests checked, answers and notifications signed per mode', () => {
  let running: RunningV3Sandbox;
  afterEach(() => running.close());

  it('refuses a request signed by another key, by another serial or more than five minutes off with a signed 401 SIGN_ERROR', async () => {
    running = await startV3Sandbox();
    const { merchantV3, merchant } = running.sandbox;
    const path = `/v3/pay/transactions/out-trade-no/NOPE?mchid=${merchant.mchId}`;
    const validator = new WechatPayValidator(new PublicKeyVerifier(merchantV3.publicKeyId, loadPublicKey(merchantV3.publicKeyPath, 'key')), { now: () => NOW });
    const send = (privateKey = loadPrivateKey(merchantV3.privateKeyPath, 'key'), serialNo = merchantV3.mchSerial, skewMs = 0) => {
      const signer = new RequestSigner({ mchId: merchant.mchId, serialNo, privateKey }, { now: () => new Date(NOW.getTime() + skewMs) });
      return new HttpTransport({ baseUrl: running.listening.url, signer, wechatpaySerial: merchantV3.publicKeyId }).send({ method: 'GET', path });
    };
    const rows: Array<[Awaited<ReturnType<typeof send>>, number, string]> = [
      [await send(), 404, 'ORDER_NOT_EXIST'],
      [await send(undefined, undefined, -299_000), 404, 'ORDER_NOT_EXIST'],
      [await send(PLATFORM_A_KEY()), 401, 'SIGN_ERROR'],
      [await send(undefined, '1234ABCD'), 401, 'SIGN_ERROR'],
      [await send(undefined, undefined, -301_000), 401, 'SIGN_ERROR'],
      [await send(undefined, undefined, 301_000), 401, 'SIGN_ERROR'],
    ];
    for (const [answer, status, code] of rows) {
      expect(answer.status).to.equal(status);
      expect(JSON.parse(answer.body.toString('utf8'))).to.include({ code });
      await validator.validate(answer.headers, answer.body);
    }
    const forged = running.v3({ privateKey: PLATFORM_A_KEY() });
    expect(await reasonOf(forged.client.queryTrade('NOPE'))).to.equal('REJECTED');
  });

  it('signs with its own public key, which a shop trusting another key refuses; a sign_with override is refused likewise', async () => {
    running = await startV3Sandbox();
    const { merchantV3 } = running.sandbox;
    const wrongKey = running.v3({ publicKey: { id: merchantV3.publicKeyId, key: loadPublicKey(merchantV3.platformCertificates[0]!.certificatePath, 'cert') } });
    expect(await reasonOf(wrongKey.client.queryTrade('NOPE'))).to.equal('INVALID_RESPONSE');
    expect(await reasonOf(running.v3().client.queryTrade('NOPE'))).to.equal('BELIEVED');

    const v3 = running.v3();
    running.receiver.decodeWith(codecsOf(v3));
    await v3.client.prepay(prepayRequest('V3K1'));
    running.sandbox.pay('V3K1', 'SUCCESS', { signWith: 'certificate' });
    await until(() => running.receiver.received.length > 0);
    expect(running.receiver.received[0]!.outcome).to.deep.equal({ rejected: 'UNKNOWN_SERIAL' });
    expect(serialsOf(running)[0]).to.equal(running.sandbox.v3.state().certificates[0]!.serial_no);
  });

  it('certificate mode: /v3/certificates downloads through the CertificateManager, and a rotation then a drop lose nothing', async () => {
    running = await startV3Sandbox({ v3: { mode: 'certificate' } });
    const v3 = running.v3({ publicKey: null, platformCertificates: true });
    running.receiver.decodeWith(codecsOf(v3));
    await v3.certificates!.start();
    v3.certificates!.stop();
    const [a, b] = ['3A1F0C5E7B2D4A6C8E9F01234567890ABCDEF012', '4B2E1D6F8C3E5B7D9FA012345678901BCDEF0123'];
    expect((await v3.certificates!.certificates()).map((each) => each.serialNumber)).to.deep.equal([a]);
    await v3.client.prepay(prepayRequest('V3C1'));
    expect(await reasonOf(running.v3().client.queryTrade('V3C1')), 'a public-key-only shop').to.equal('INVALID_RESPONSE');

    const rotated = await control(running, '/sandbox/v3/certificates/rotate');
    expect(rotated.json.rotated_to).to.include({ serial_no: b });
    expect((rotated.json.certificates as Array<{ serial_no: string }>).map((each) => each.serial_no)).to.deep.equal([a, b]);
    expect((await v3.client.queryTrade('V3C1')).state).to.equal('NOTPAY');
    expect((await v3.certificates!.certificates()).map((each) => each.serialNumber).sort()).to.deep.equal([a, b]);
    running.sandbox.pay('V3C1');
    await running.sandbox.idle();
    expect((await control(running, '/sandbox/v3/certificates/drop-old')).json.dropped).to.deep.include({ serial_no: a, not_before: '2025-01-01T00:00:00.000Z', not_after: '2036-06-01T00:00:00.000Z' });
    expect((await control(running, '/sandbox/v3/certificates/drop-old')).status).to.equal(409);
    expect(await v3.client.closeTrade('V3C1').then(() => 'closed', (error: Error) => error.message)).to.match(/ORDERPAID/);
    expect(serialsOf(running)).to.deep.equal([b]);
    expect(running.receiver.received[0]!.outcome).to.include({ outTradeNo: 'V3C1', resultCode: 'SUCCESS' });
  });

  it('the switch-over: in "both" it answers by the requested serial and alternates notifications; then public key alone', async () => {
    running = await startV3Sandbox({ v3: { mode: 'certificate' } });
    const both = running.v3({ platformCertificates: true });
    const certificatesOnly = running.v3({ publicKey: null, platformCertificates: true });
    running.receiver.decodeWith(codecsOf(both));
    await both.certificates!.start();
    both.certificates!.stop();
    await both.client.prepay(prepayRequest('V3S1'));
    expect((await control(running, '/sandbox/v3/mode', { mode: 'both' })).json).to.include({ mode: 'both' });
    expect((await both.client.queryTrade('V3S1')).state).to.equal('NOTPAY');
    expect((await certificatesOnly.client.queryTrade('V3S1')).state, 'no public key asked for: a certificate signs').to.equal('NOTPAY');
    running.sandbox.pay('V3S1');
    running.sandbox.sendDuplicate('V3S1');
    running.sandbox.sendDuplicate('V3S1');
    await control(running, '/sandbox/notifications/duplicate', { out_trade_no: 'V3S1', sign_with: 'public_key' });
    await running.sandbox.idle();
    const { publicKeyId } = running.sandbox.merchantV3;
    const certificate = running.sandbox.v3.state().certificates[0]!.serial_no;
    expect(serialsOf(running)).to.deep.equal([certificate, publicKeyId, certificate, publicKeyId]);
    expect(running.receiver.received.map((each) => (each.outcome as { outTradeNo?: string }).outTradeNo)).to.deep.equal(['V3S1', 'V3S1', 'V3S1', 'V3S1']);

    running.sandbox.v3.setMode('public_key');
    expect(await reasonOf(certificatesOnly.client.queryTrade('V3S1'))).to.equal('INVALID_RESPONSE');
    expect(await reasonOf(both.client.queryTrade('V3S1'))).to.equal('BELIEVED');
    expect((await control(running, '/sandbox/v3/mode', { mode: 'v4' })).status).to.equal(400);
  });

  it('sends a WECHATPAY/SIGNTEST/ probe once: the v3 codec refuses it and nothing is paid; v2 orders get none', async () => {
    running = await startV3Sandbox();
    const v3 = running.v3();
    running.receiver.decodeWith(codecsOf(v3));
    await v3.client.prepay(prepayRequest('V3P1'));
    const probe = await control(running, '/sandbox/notifications/signtest', { out_trade_no: 'V3P1' });
    expect(probe.json).to.include({ kind: 'SIGNTEST', protocol: 'v3' });
    await running.sandbox.idle();
    const [delivery] = running.sandbox.notifications();
    expect(delivery).to.include({ state: 'REFUSED' });
    expect(delivery!.attempts.map((attempt) => attempt.status)).to.deep.equal([401]);
    expect(running.receiver.received[0]!.headers['wechatpay-signature']).to.match(/^WECHATPAY\/SIGNTEST\//);
    expect(running.receiver.received[0]!.outcome).to.deep.equal({ rejected: 'SIGNTEST_PROBE' });
    expect((await v3.client.queryTrade('V3P1')).state).to.equal('NOTPAY');

    const { merchant } = running.sandbox;
    const v2 = new WeChatPayClient(
      { ...merchant, signType: 'MD5', notifyUrl: `${running.receiver.url}/v2/notify`, refundNotifyUrl: null, clientCertificate: null, payApiBase: running.listening.url },
      { maxRetries: 0, backoffMs: 1, now: () => NOW },
    );
    await v2.prepay(prepayRequest('V2P1'));
    expect((await control(running, '/sandbox/notifications/signtest', { out_trade_no: 'V2P1' })).status).to.equal(409);
  });
});

describe('WeChat Pay sandbox, API v3 configuration', () => {
  it('gives the shop its v3 settings as files and ids, and refuses an APIv3 key that is not 32 bytes', () => {
    const env = shopEnvFor('http://127.0.0.1:3001', undefined, SANDBOX_MERCHANT_V3);
    expect(env).to.include({ WECHAT_PAY_API_VERSION: 'v3', WECHAT_PAY_MCH_SERIAL: SANDBOX_MERCHANT_V3.mchSerial, WECHAT_PAY_PUBLIC_KEY_ID: SANDBOX_MERCHANT_V3.publicKeyId, WECHAT_PAY_KEY: 'weshopsandboxkey0123456789abcdef' });
    expect(loadPrivateKey(env.WECHAT_PAY_PRIVATE_KEY!, 'WECHAT_PAY_PRIVATE_KEY').type).to.equal('private');
    expect(loadPublicKey(env.WECHAT_PAY_PUBLIC_KEY!, 'WECHAT_PAY_PUBLIC_KEY').type).to.equal('public');
    expect(Buffer.byteLength(env.WECHAT_PAY_API_V3_KEY!)).to.equal(32);
    expect(shopEnvFor('http://x', undefined, { ...SANDBOX_MERCHANT_V3, mode: 'certificate' })).to.not.have.any.keys('WECHAT_PAY_PUBLIC_KEY', 'WECHAT_PAY_PUBLIC_KEY_ID');
    expect(env).to.not.have.any.keys('WECHAT_PAY_PLATFORM_CERTIFICATES');
    expect(shopEnvFor('http://x', undefined, { ...SANDBOX_MERCHANT_V3, mode: 'both' })).to.include({ WECHAT_PAY_PLATFORM_CERTIFICATES: 'true', WECHAT_PAY_PUBLIC_KEY_ID: SANDBOX_MERCHANT_V3.publicKeyId });
    expect(shopEnvFor('http://x')).to.not.have.any.keys('WECHAT_PAY_API_VERSION');
    expect(() => createSandbox({ v3: { apiV3Key: 'short' } })).to.throw(/apiV3Key must be 32 bytes/);
  });
});
