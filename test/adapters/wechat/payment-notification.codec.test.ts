import { expect } from 'chai';
import {
  NotificationRejected,
  answerXml,
  decodePaymentNotification,
} from '../../../src/adapters/wechat/payment-notification.codec.js';
import { type SignType, sign } from '../../../src/adapters/wechat/sign.js';
import { buildXmlMessage } from '../../../src/adapters/wechat/xml.js';
import { vectors } from './vectors.js';

const config = { appId: 'wx_shop_app', mchId: '1230000109', payKey: 'abcdefghijklmnopqrstuvwxyz012345' };

function paidFields(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    appid: config.appId,
    mch_id: config.mchId,
    nonce_str: '5d2b6c2a8db53831f7eda20af46e531c',
    result_code: 'SUCCESS',
    openid: 'oUpF8uMEb4qRXf22hE3X68TekukE',
    is_subscribe: 'N',
    trade_type: 'JSAPI',
    bank_type: 'CMB_CREDIT',
    total_fee: '2590',
    cash_fee: '2590',
    fee_type: 'CNY',
    transaction_id: '4200000123202611240123456789',
    out_trade_no: 'B1124200312345',
    time_end: '20261124201530',
    ...overrides,
  };
}

function signed(fields: Record<string, string | undefined>, signType: SignType = 'MD5', key = config.payKey): string {
  return buildXmlMessage({ ...fields, sign: sign(fields, key, signType) });
}

function rejection(raw: string): string {
  try {
    decodePaymentNotification(raw, config);
  } catch (error) {
    expect(error).to.be.instanceOf(NotificationRejected);
    return (error as NotificationRejected).reason;
  }
  return 'ACCEPTED';
}

describe('decodePaymentNotification', () => {
  it('hands over a verified MD5 notification with amount in fen and paid time in China time', () => {
    expect(decodePaymentNotification(signed(paidFields()), config)).to.deep.equal({
      outTradeNo: 'B1124200312345',
      transactionId: '4200000123202611240123456789',
      totalFee: 2590,
      resultCode: 'SUCCESS',
      paidAt: new Date('2026-11-24T12:15:30.000Z'),
    });
  });

  it('verifies an HMAC-SHA256 notification with the sign_type it carries', () => {
    const raw = signed(paidFields({ sign_type: 'HMAC-SHA256' }), 'HMAC-SHA256');
    expect(decodePaymentNotification(raw, config).totalFee).to.equal(2590);
  });

  it('decodes a failed payment, which carries no transaction id', () => {
    const raw = signed(paidFields({ result_code: 'FAIL', transaction_id: undefined, time_end: undefined, err_code: 'NOTENOUGH' }));
    expect(decodePaymentNotification(raw, config)).to.include({ resultCode: 'FAIL', outTradeNo: 'B1124200312345', paidAt: null });
  });

  it('rejects a wrong signature, a changed amount and a wrong key', () => {
    expect(rejection(buildXmlMessage({ ...paidFields(), sign: 'C380BEC2BFD727A4B6845133519F3AD6' }))).to.equal('BAD_SIGNATURE');
    const genuine = signed(paidFields());
    expect(rejection(genuine.replace('2590', '1'))).to.equal('BAD_SIGNATURE');
    expect(rejection(signed(paidFields(), 'MD5', 'another-merchant-key-000000000000'))).to.equal('BAD_SIGNATURE');
  });

  it('rejects a missing sign', () => {
    expect(rejection(buildXmlMessage(paidFields()))).to.equal('NO_SIGNATURE');
  });

  it('rejects a sign_type that does not match how the message was signed', () => {
    // signed with MD5 but claiming HMAC-SHA256, and the reverse
    const md5 = paidFields({ sign_type: 'HMAC-SHA256' });
    expect(rejection(buildXmlMessage({ ...md5, sign: sign(md5, config.payKey, 'MD5') }))).to.equal('BAD_SIGNATURE');
    const hmac = paidFields({ sign_type: 'MD5' });
    expect(rejection(buildXmlMessage({ ...hmac, sign: sign(hmac, config.payKey, 'HMAC-SHA256') }))).to.equal('BAD_SIGNATURE');
    // unnamed sign_type means MD5
    expect(rejection(signed(paidFields(), 'HMAC-SHA256'))).to.equal('BAD_SIGNATURE');
    expect(rejection(signed(paidFields({ sign_type: 'SHA1' })))).to.equal('BAD_SIGN_TYPE');
  });

  it("rejects another merchant's appid or mch_id even when correctly signed", () => {
    expect(rejection(signed(paidFields({ appid: 'wx_other_app' })))).to.equal('WRONG_APPID');
    expect(rejection(signed(paidFields({ mch_id: '1999999999' })))).to.equal('WRONG_MCH_ID');
  });

  it('rejects a return_code=FAIL message without a valid signature (never skips the check)', () => {
    expect(rejection(buildXmlMessage({ return_code: 'FAIL', return_msg: '签名失败' }))).to.equal('NO_SIGNATURE');
    const forged = { ...paidFields(), return_code: 'FAIL' };
    expect(rejection(buildXmlMessage({ ...forged, sign: 'FORGED' }))).to.equal('BAD_SIGNATURE');
    // genuinely signed, but not a payment result
    expect(rejection(signed({ ...paidFields(), return_code: 'FAIL' }))).to.equal('NOT_A_PAYMENT');
  });

  it('rejects DOCTYPE, external-entity and entity-expansion payloads before looking inside', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${signed(paidFields({ attach: '&xxe;' }))}`;
    expect(rejection(xxe)).to.equal('BAD_XML');
    const bomb = `<!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><xml><attach>&c;</attach></xml>`;
    expect(rejection(bomb)).to.equal('BAD_XML');
  });

  it('rejects non-XML, empty and truncated bodies', () => {
    expect(rejection('')).to.equal('BAD_XML');
    expect(rejection('return_code=SUCCESS&total_fee=1')).to.equal('BAD_XML');
    expect(rejection('{"return_code":"SUCCESS"}')).to.equal('BAD_XML');
    expect(rejection(signed(paidFields()).slice(0, -10))).to.equal('BAD_XML');
  });

  it('accepts total_fee only as a canonical positive integer of fen', () => {
    for (const bad of ['0', '-1', '01', '1.00', '1e3', ' 1', '99999999999999999', 'abc']) {
      expect(rejection(signed(paidFields({ total_fee: bad }))), bad).to.equal('BAD_AMOUNT');
    }
    expect(rejection(signed(paidFields({ total_fee: undefined })))).to.equal('BAD_AMOUNT');
  });

  it('requires out_trade_no, result_code and, for a payment, transaction_id', () => {
    expect(rejection(signed(paidFields({ out_trade_no: undefined })))).to.equal('MISSING_FIELD');
    expect(rejection(signed(paidFields({ result_code: undefined })))).to.equal('MISSING_FIELD');
    expect(rejection(signed(paidFields({ transaction_id: undefined })))).to.equal('MISSING_FIELD');
    // Signed, but not in WeChat's formats (and too long for the columns that keep them).
    expect(rejection(signed(paidFields({ out_trade_no: '1'.repeat(33) })))).to.equal('MISSING_FIELD');
    expect(rejection(signed(paidFields({ out_trade_no: "1' or '1'='1" })))).to.equal('MISSING_FIELD');
    expect(rejection(signed(paidFields({ transaction_id: '4'.repeat(65) })))).to.equal('MISSING_FIELD');
  });
});

describe('answerXml', () => {
  it("builds WeChat's SUCCESS answer exactly", () => {
    expect(answerXml(true)).to.equal(vectors.notify.answerSuccess);
  });
  it('builds a FAIL answer with a reason', () => {
    expect(answerXml(false, 'BAD_SIGNATURE')).to.equal(
      '<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[BAD_SIGNATURE]]></return_msg></xml>',
    );
  });
});
