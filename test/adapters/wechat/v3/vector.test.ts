import { expect } from 'chai';
import { X509Certificate } from 'node:crypto';
import {
  CertificateVerifier,
  ResourceDecryptionError,
  SignatureRejected,
  StaticCertificates,
  WechatPayValidator,
  decryptResource,
} from '../../../../src/adapters/wechat/v3/index.js';
import { rejectionOf } from '../../../support/rejection.js';
import { PLATFORM_A_CERT, fixtureText } from './support/keys.js';

/** A real notification from the official Go SDK's tests (fixtures copied from ../shared/wechatpay/v3). */
interface NotifyVector {
  apiv3_key: string;
  cert_pem: string;
  headers: Record<string, string>;
  body: string;
  plaintext: string;
}
const vector = JSON.parse(fixtureText('notify-vector.json')) as NotifyVector;
const certificate = new X509Certificate(vector.cert_pem);
const sentAt = new Date(Number(vector.headers['Wechatpay-Timestamp']) * 1000);
const validatorAt = (now: Date, certificates = [certificate]) => new WechatPayValidator(new CertificateVerifier(new StaticCertificates(certificates), () => now), { now: () => now });
const resource = () => (JSON.parse(vector.body) as { resource: { ciphertext: string; nonce: string; associated_data: string; algorithm: string } }).resource;

const rejection = (promise: Promise<unknown>) => rejectionOf(promise, SignatureRejected);

describe('the official v3 notification vector', () => {
  it('verifies on its raw bytes with the certificate its serial names, at the time it was sent', async () => {
    expect(certificate.serialNumber).to.equal(vector.headers['Wechatpay-Serial']);
    const validated = await validatorAt(sentAt).validate(vector.headers, Buffer.from(vector.body, 'utf8'));
    expect(validated).to.deep.equal({ serial: 'D7CE59D1F522D701', timestamp: 1624523846, nonce: vector.headers['Wechatpay-Nonce'] });
  });

  it('decrypts to the expected plaintext with the 16-byte key (AES-128-GCM)', () => {
    expect(decryptResource(resource(), vector.apiv3_key)).to.equal(vector.plaintext);
  });

  it('is refused five minutes and one second later, and five minutes and one second too early', async () => {
    expect((await rejection(validatorAt(new Date(sentAt.getTime() + 301_000)).validate(vector.headers, vector.body))).reason).to.equal('STALE_TIMESTAMP');
    expect((await rejection(validatorAt(new Date(sentAt.getTime() - 301_000)).validate(vector.headers, vector.body))).reason).to.equal('FUTURE_TIMESTAMP');
    await validatorAt(new Date(sentAt.getTime() + 300_000)).validate(vector.headers, vector.body);
  });

  it('is refused with one byte of the body changed, or a byte of whitespace added', async () => {
    const edited = vector.body.replace('签约成功', '签约失败');
    expect((await rejection(validatorAt(sentAt).validate(vector.headers, edited))).reason).to.equal('BAD_SIGNATURE');
    expect((await rejection(validatorAt(sentAt).validate(vector.headers, `${vector.body} `))).reason).to.equal('BAD_SIGNATURE');
  });

  it('is refused when only another certificate is trusted (unknown serial)', async () => {
    expect((await rejection(validatorAt(sentAt, [PLATFORM_A_CERT]).validate(vector.headers, vector.body))).reason).to.equal('UNKNOWN_SERIAL');
  });

  it('refuses a tampered ciphertext, tag, associated data or nonce, and another key', () => {
    const original = resource();
    const bytes = Buffer.from(original.ciphertext, 'base64');
    const flip = (index: number) => {
      const copy = Buffer.from(bytes);
      copy[index] = copy[index]! ^ 0x01;
      return copy.toString('base64');
    };
    const rows = [
      { ...original, ciphertext: flip(0) },
      { ...original, ciphertext: flip(bytes.length - 1) },
      { ...original, associated_data: 'payscore2' },
      { ...original, associated_data: '' },
      { ...original, nonce: 'Kj7QIyUiYx1r' },
      { ...original, ciphertext: bytes.subarray(0, bytes.length - 1).toString('base64') },
      { ...original, ciphertext: 'not base64!' },
      { ...original, algorithm: 'AEAD_AES_128_CBC' },
    ];
    for (const row of rows) expect(() => decryptResource(row, vector.apiv3_key), JSON.stringify(row).slice(0, 80)).to.throw(ResourceDecryptionError);
    expect(() => decryptResource(original, 'testMchAPIv3Key1')).to.throw(ResourceDecryptionError);
  });

  it('refuses a key that is neither 32 nor 16 bytes, without echoing it', () => {
    expect(() => decryptResource(resource(), 'short-secret-key')).to.throw(ResourceDecryptionError);
    expect(() => decryptResource(resource(), 'a-secret-key-of-odd-length')).to.throw(/must be 32 bytes, not 26/);
    try {
      decryptResource(resource(), 'a-secret-key-of-odd-length');
    } catch (error) {
      expect((error as Error).message).not.to.contain('secret');
    }
  });
});
