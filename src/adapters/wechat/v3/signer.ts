/**
 * The merchant's side of WeChat Pay v3 signing.
 *
 *   const signer = new RequestSigner({ mchId, serialNo, privateKey });
 *   signer.authorization('POST', '/v3/pay/transactions/jsapi', body)  → the Authorization header
 *   signer.paySign(appId, timeStamp, nonceStr, 'prepay_id=…')          → wx.requestPayment's paySign
 *   signer.sign(message)                                               → base64 RSA-SHA256
 *
 * `serialNo` is the serial of the merchant API certificate, the one WeChat knows our key by.
 */
import { type KeyObject, sign as rsaSign } from 'node:crypto';
import { randomNonce } from '../nonce.js';

export const AUTHORIZATION_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';

export interface MerchantCredentials {
  readonly mchId: string;
  readonly serialNo: string;
  readonly privateKey: KeyObject;
}

export interface SignerOptions {
  readonly now?: () => Date;
  readonly nonce?: () => string;
}

export class RequestSigner {
  readonly mchId: string;
  readonly serialNo: string;
  private readonly privateKey: KeyObject;
  private readonly now: () => Date;
  private readonly nonce: () => string;

  constructor(credentials: MerchantCredentials, options: SignerOptions = {}) {
    if (credentials.privateKey.type !== 'private') throw new Error('the merchant signer needs a private key');
    this.mchId = credentials.mchId;
    this.serialNo = credentials.serialNo;
    this.privateKey = credentials.privateKey;
    this.now = options.now ?? (() => new Date());
    this.nonce = options.nonce ?? randomNonce;
  }

  /** Base64 RSA-SHA256 (PKCS#1 v1.5) of the exact bytes given. */
  sign(message: string | Buffer): string {
    return rsaSign('sha256', typeof message === 'string' ? Buffer.from(message, 'utf8') : message, this.privateKey).toString('base64');
  }

  /**
   * `url` is the path with its query exactly as sent (`/v3/…?mchid=…`), `body` the exact JSON sent
   * (empty for GET): WeChat rebuilds the same string from the request it receives.
   */
  authorization(method: string, url: string, body: string): string {
    if (!url.startsWith('/')) throw new Error('sign the path and query, not the absolute URL');
    const timestamp = String(Math.floor(this.now().getTime() / 1000));
    const nonce = this.nonce();
    const signature = this.sign(`${method.toUpperCase()}\n${url}\n${timestamp}\n${nonce}\n${body}\n`);
    return (
      `${AUTHORIZATION_SCHEMA} mchid="${this.mchId}",nonce_str="${nonce}",timestamp="${timestamp}",` +
      `serial_no="${this.serialNo}",signature="${signature}"`
    );
  }

  /** wx.requestPayment's paySign for signType RSA; appId is signed but not sent back to the client. */
  paySign(appId: string, timeStamp: string, nonceStr: string, pkg: string): string {
    return this.sign(`${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`);
  }
}
