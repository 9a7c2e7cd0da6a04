import { expect } from 'chai';
import {
  CertificateVerifier,
  CombinedVerifier,
  PublicKeyVerifier,
  SignatureRejected,
  StaticCertificates,
  WechatPayValidator,
  type Verifier,
} from '../../../../src/adapters/wechat/v3/index.js';
import { AFTER_A_EXPIRED, MERCHANT, NOW, NOW_SECONDS, PLATFORM_A, PLATFORM_A_CERT, PLATFORM_B, PLATFORM_B_CERT, PUBKEY } from './support/keys.js';
import { type SignOptions, wechatpayHeaders } from './support/messages.js';

const BODY = '{"code":"ok","中文":"✓"}';
const publicKeyVerifier = () => new PublicKeyVerifier(PUBKEY.serial, PUBKEY.publicKey);
const certificateVerifier = (now = NOW) => new CertificateVerifier(new StaticCertificates([PLATFORM_A_CERT, PLATFORM_B_CERT]), () => now);
const combined = () => new CombinedVerifier(publicKeyVerifier(), certificateVerifier());

async function check(verifier: Verifier, options: SignOptions, now = NOW, body: string | Buffer = BODY, sent: string | Buffer = body) {
  return new WechatPayValidator(verifier, { now: () => now }).validate(wechatpayHeaders(sent, options), body);
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(SignatureRejected);
    return (error as SignatureRejected).reason;
  }
  return 'ACCEPTED';
}

describe('v3 verifiers and validator', () => {
  it('public-key mode accepts the public key by its PUB_KEY_ID_ and nothing else', async () => {
    await check(publicKeyVerifier(), { key: PUBKEY });
    expect(await reasonOf(check(publicKeyVerifier(), { key: PLATFORM_A }))).to.equal('UNKNOWN_SERIAL');
    expect(await reasonOf(check(publicKeyVerifier(), { key: PLATFORM_A, serial: PUBKEY.serial })), 'platform key, public key id').to.equal('BAD_SIGNATURE');
    expect(await reasonOf(check(publicKeyVerifier(), { key: MERCHANT, serial: PUBKEY.serial })), "the merchant's own key").to.equal('BAD_SIGNATURE');
    expect(await reasonOf(check(publicKeyVerifier(), { key: MERCHANT })), 'merchant serial').to.equal('UNKNOWN_SERIAL');
  });

  it('certificate mode trusts several certificates at once (rotation) and picks each by serial', async () => {
    await check(certificateVerifier(), { key: PLATFORM_A });
    await check(certificateVerifier(), { key: PLATFORM_B });
    await check(certificateVerifier(), { key: PLATFORM_B, serial: PLATFORM_B.serial.toLowerCase() });
    expect(await reasonOf(check(certificateVerifier(), { key: PLATFORM_B, serial: PLATFORM_A.serial }))).to.equal('BAD_SIGNATURE');
    expect(await reasonOf(check(certificateVerifier(), { key: PUBKEY }))).to.equal('UNKNOWN_SERIAL');
    expect(await reasonOf(check(certificateVerifier(), { key: MERCHANT }))).to.equal('UNKNOWN_SERIAL');
    expect(await reasonOf(check(certificateVerifier(), { key: MERCHANT, serial: PLATFORM_A.serial }))).to.equal('BAD_SIGNATURE');
  });

  it('refuses a certificate outside its validity by the injected clock, keeps its successor', async () => {
    const later = Math.floor(AFTER_A_EXPIRED.getTime() / 1000);
    expect(await reasonOf(check(certificateVerifier(AFTER_A_EXPIRED), { key: PLATFORM_A, timestamp: later }, AFTER_A_EXPIRED))).to.equal('CERTIFICATE_EXPIRED');
    await check(certificateVerifier(AFTER_A_EXPIRED), { key: PLATFORM_B, timestamp: later }, AFTER_A_EXPIRED);
    const before = new Date('2026-01-01T00:00:00Z');
    expect(await reasonOf(check(certificateVerifier(before), { key: PLATFORM_B, timestamp: before.getTime() / 1000 }, before)), 'not yet valid').to.equal('CERTIFICATE_EXPIRED');
  });

  it('the combination chooses per message: public key and both certificates in turn, unknown still refused', async () => {
    const verifier = combined();
    for (const key of [PUBKEY, PLATFORM_A, PUBKEY, PLATFORM_B]) await check(verifier, { key });
    expect(await reasonOf(check(verifier, { key: MERCHANT }))).to.equal('UNKNOWN_SERIAL');
    expect(await reasonOf(check(verifier, { key: PUBKEY, serial: 'PUB_KEY_ID_0000000000000000000000000000000000' }))).to.equal('UNKNOWN_SERIAL');
    expect(await reasonOf(check(verifier, { key: PLATFORM_A, serial: PUBKEY.serial }))).to.equal('BAD_SIGNATURE');
  });

  it('accepts ±300 s and refuses 301 s either way', async () => {
    for (const skew of [-300, 0, 300]) await check(publicKeyVerifier(), { timestamp: NOW_SECONDS + skew });
    expect(await reasonOf(check(publicKeyVerifier(), { timestamp: NOW_SECONDS - 301 }))).to.equal('STALE_TIMESTAMP');
    expect(await reasonOf(check(publicKeyVerifier(), { timestamp: NOW_SECONDS + 301 }))).to.equal('FUTURE_TIMESTAMP');
    expect(await reasonOf(check(publicKeyVerifier(), { timestamp: '1795867200.5' }))).to.equal('BAD_TIMESTAMP');
    expect(await reasonOf(check(publicKeyVerifier(), { timestamp: '-1' }))).to.equal('BAD_TIMESTAMP');
  });

  it('refuses a WECHATPAY/SIGNTEST/ probe before verifying anything', async () => {
    expect(await reasonOf(check(combined(), { signature: 'WECHATPAY/SIGNTEST/ZHVtbXk=' }))).to.equal('SIGNTEST_PROBE');
  });

  it('refuses a bad signature, garbage, or a body changed after signing', async () => {
    const garbage = Buffer.alloc(256, 7).toString('base64');
    expect(await reasonOf(check(combined(), { signature: garbage }))).to.equal('BAD_SIGNATURE');
    expect(await reasonOf(check(combined(), { signature: 'not base64 at all' }))).to.equal('BAD_SIGNATURE');
    expect(await reasonOf(check(combined(), {}, NOW, `${BODY} `, BODY))).to.equal('BAD_SIGNATURE');
  });

  it('verifies raw bytes: a body that is not valid UTF-8 verifies as sent, not as decoded and re-encoded', async () => {
    const raw = Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    await check(combined(), { key: PUBKEY }, NOW, raw);
    expect(await reasonOf(check(combined(), { key: PUBKEY }, NOW, raw.toString('utf8'), raw))).to.equal('BAD_SIGNATURE');
  });

  it('reads headers from fetch Headers and from Node records in any case; missing or repeated ones are refused', async () => {
    const validator = new WechatPayValidator(combined(), { now: () => NOW });
    const headers = wechatpayHeaders(BODY);
    await validator.validate(new Headers(headers), BODY);
    await validator.validate(Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])), BODY);
    for (const name of Object.keys(headers)) {
      const without = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));
      expect(await reasonOf(validator.validate(without, BODY)), name).to.equal('MISSING_HEADER');
    }
    const repeated = { ...headers, 'Wechatpay-Serial': [PUBKEY.serial, PLATFORM_A.serial] };
    expect(await reasonOf(validator.validate(repeated, BODY))).to.equal('MISSING_HEADER');
  });

  it('will not build a public-key verifier from an id or key of the wrong kind', () => {
    expect(() => new PublicKeyVerifier('D7CE59D1F522D701', PUBKEY.publicKey)).to.throw(/PUB_KEY_ID_/);
    expect(() => new PublicKeyVerifier(PUBKEY.serial, PUBKEY.privateKey)).to.throw(/public key/);
  });
});
