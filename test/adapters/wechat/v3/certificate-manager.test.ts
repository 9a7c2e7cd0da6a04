import { expect } from 'chai';
import {
  CertificateDownloadError,
  CertificateManager,
  CertificateVerifier,
  HttpTransport,
  MemoryCertificateStore,
  RequestSigner,
  ResourceDecryptionError,
  SignatureRejected,
  WechatPayValidator,
} from '../../../../src/adapters/wechat/v3/index.js';
import { AFTER_A_EXPIRED, MCH_ID, MERCHANT, MERCHANT_SERIAL, NOW, PLATFORM_A, PLATFORM_A_CERT, PLATFORM_B, PLATFORM_B_CERT, PUBKEY } from './support/keys.js';
import { certificatesAnswer } from './support/certificates.js';
import { wechatpayHeaders } from './support/messages.js';
import { type StubWeChat, startStubWeChat } from './support/stub-wechat.js';

describe('CertificateManager (platform-certificate mode)', () => {
  let stub: StubWeChat;
  let clock: Date;
  beforeEach(async () => {
    clock = NOW;
    stub = await startStubWeChat(undefined, { now: () => clock });
  });
  afterEach(() => stub.close());

  const downloads = () => stub.requests.filter((request) => request.url === '/v3/certificates').length;
  const managerFor = (store = new MemoryCertificateStore(), options: { onError?: (error: unknown) => void } = {}) => {
    const now = () => clock;
    const signer = new RequestSigner({ mchId: MCH_ID, serialNo: MERCHANT_SERIAL, privateKey: MERCHANT.privateKey }, { now });
    return new CertificateManager({ transport: new HttpTransport({ baseUrl: stub.url, signer }), apiV3Key: 'weshopV3TestKey0123456789abcdefX', store, now, ...options });
  };
  /** Whether a message signed by `key` is believed by a verifier backed by the manager. */
  const believes = async (manager: CertificateManager, key = PLATFORM_A) => {
    const body = '{"ok":true}';
    const validator = new WechatPayValidator(new CertificateVerifier(manager, () => clock), { now: () => clock });
    return validator.validate(wechatpayHeaders(body, { key, timestamp: Math.floor(clock.getTime() / 1000) }), body).then(
      () => 'BELIEVED',
      (error: unknown) => (error instanceof SignatureRejected ? error.reason : String(error)),
    );
  };
  const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as Error);

  it('bootstraps: downloads, decrypts and verifies with the certificate it carries, then trusts it', async () => {
    stub.handle(() => certificatesAnswer([PLATFORM_A_CERT], PLATFORM_A));
    const manager = managerFor();
    await manager.start();
    manager.stop();
    expect(stub.requests[0]).to.include({ method: 'GET', url: '/v3/certificates', authorized: true });
    expect((await manager.certificates()).map((c) => c.serialNumber)).to.deep.equal([PLATFORM_A.serial]);
    expect(await believes(manager)).to.equal('BELIEVED');
    expect(await believes(manager, PUBKEY), 'another key pair').to.equal('UNKNOWN_SERIAL');
  });

  it('refuses a download signed by a key it neither trusts nor carries, or badly signed, and keeps nothing', async () => {
    const rows: Array<[ReturnType<typeof certificatesAnswer>, string]> = [
      [certificatesAnswer([PLATFORM_A_CERT], PLATFORM_B), 'UNKNOWN_SERIAL'],
      [{ ...certificatesAnswer([PLATFORM_A_CERT], MERCHANT), sign: { serial: PLATFORM_A.serial } }, 'BAD_SIGNATURE'],
      [{ ...certificatesAnswer([PLATFORM_A_CERT], PLATFORM_A), sign: { timestamp: NOW.getTime() / 1000 - 600 } }, 'STALE_TIMESTAMP'],
      [{ ...certificatesAnswer([PLATFORM_A_CERT], PLATFORM_A), tamper: (body) => body.replace('"data"', ' "data"') }, 'BAD_SIGNATURE'],
    ];
    for (const [answer, reason] of rows) {
      stub.handle(() => answer);
      const manager = managerFor();
      const error = await failureOf(manager.refresh());
      expect(error, reason).to.be.instanceOf(SignatureRejected);
      expect((error as SignatureRejected).reason).to.equal(reason);
      expect(await manager.store.load()).to.equal(null);
    }
  });

  it('refuses certificates encrypted with another key, or not the certificate their serial_no names', async () => {
    stub.handle(() => certificatesAnswer([PLATFORM_A_CERT], PLATFORM_A, { apiV3Key: 'another32ByteApiV3KeyForTesting!' }));
    expect(await failureOf(managerFor().refresh())).to.be.instanceOf(ResourceDecryptionError);
    stub.handle(() => certificatesAnswer([PLATFORM_B_CERT], PLATFORM_A, { serialOf: () => PLATFORM_A.serial }));
    expect(await failureOf(managerFor().refresh())).to.be.instanceOf(CertificateDownloadError);
    stub.handle(() => ({ status: 500, json: { code: 'SYSTEM_ERROR', message: '系统异常' } }));
    expect((await failureOf(managerFor().start()))?.message).to.match(/HTTP 500/);
  });

  it('rotates: old and new trusted together, the old one refused once expired and dropped at the next download', async () => {
    const manager = managerFor();
    stub.handle(() => certificatesAnswer([PLATFORM_A_CERT], PLATFORM_A));
    await manager.refresh();
    // WeChat lists the new certificate beside the old one and may sign with either.
    stub.handle(() => certificatesAnswer([PLATFORM_A_CERT, PLATFORM_B_CERT], PLATFORM_B));
    await manager.refresh();
    expect(await believes(manager, PLATFORM_A)).to.equal('BELIEVED');
    expect(await believes(manager, PLATFORM_B)).to.equal('BELIEVED');
    clock = AFTER_A_EXPIRED;
    expect(await believes(manager, PLATFORM_A)).to.equal('CERTIFICATE_EXPIRED');
    expect(await believes(manager, PLATFORM_B)).to.equal('BELIEVED');
    await manager.refresh();
    expect((await manager.store.load())?.certificates.map((c) => c.serialNo)).to.deep.equal([PLATFORM_B.serial]);
  });

  it('a message signed by a certificate it does not know yet triggers one download, at most once a minute', async () => {
    const manager = managerFor();
    stub.handle(() => certificatesAnswer([PLATFORM_A_CERT], PLATFORM_A));
    await manager.refresh();
    stub.handle(() => certificatesAnswer([PLATFORM_A_CERT, PLATFORM_B_CERT], PLATFORM_A));
    expect(await believes(manager, PLATFORM_B)).to.equal('BELIEVED');
    expect(downloads()).to.equal(2);
    expect(await believes(manager, MERCHANT)).to.equal('UNKNOWN_SERIAL');
    expect(downloads(), 'still cooling down').to.equal(2);
    clock = new Date(NOW.getTime() + 61_000);
    expect(await believes(manager, MERCHANT)).to.equal('UNKNOWN_SERIAL');
    expect(downloads()).to.equal(3);
    expect(await believes(manager, PUBKEY), 'not a certificate serial: no download at all').to.equal('UNKNOWN_SERIAL');
    expect(downloads()).to.equal(3);
  });

  it('refreshes when due: never downloaded, twelve hours old, or the newest certificate about to expire', async () => {
    stub.handle(() => certificatesAnswer([PLATFORM_A_CERT], PLATFORM_A));
    const manager = managerFor();
    expect(await manager.refreshIfDue()).to.equal(true);
    expect(await manager.refreshIfDue()).to.equal(false);
    clock = new Date(NOW.getTime() + 12 * 3600_000);
    expect(await manager.refreshIfDue()).to.equal(true);
    clock = new Date(new Date(PLATFORM_A_CERT.validTo).getTime() - 48 * 3600_000);
    await manager.store.save({ ...(await manager.store.load())!, downloadedAt: clock.toISOString() });
    expect(await manager.refreshIfDue()).to.equal(true);
    expect(downloads()).to.equal(3);
  });

  it('instances sharing a store download once; concurrent refreshes share one download', async () => {
    stub.handle(() => certificatesAnswer([PLATFORM_A_CERT], PLATFORM_A));
    const store = new MemoryCertificateStore();
    const first = managerFor(store);
    await Promise.all([first.refresh(), first.refresh(), first.refresh()]);
    expect(downloads()).to.equal(1);
    const second = managerFor(store);
    expect(await second.refreshIfDue()).to.equal(false);
    expect(await believes(second)).to.equal('BELIEVED');
    expect(downloads()).to.equal(1);
  });

  it('reports background refresh failures to onError and never throws them into a verification', async () => {
    const errors: unknown[] = [];
    const manager = managerFor(new MemoryCertificateStore(), { onError: (error) => errors.push(error) });
    stub.handle(() => ({ status: 503, raw: 'down', signWith: null }));
    expect(await believes(manager)).to.equal('UNKNOWN_SERIAL');
    expect(errors).to.have.length(1);
    expect(String(errors[0])).to.match(/HTTP 503/);
  });
});
