/**
 * Why a WeChat Pay v3 message (a response, a notification or the certificate download) was not
 * believed. Thrown by `WechatPayValidator` and the verifiers; callers branch on `reason`, and the
 * message names headers and serials only, never key material.
 */
export type SignatureRejectionReason =
  | 'MISSING_HEADER'
  | 'BAD_TIMESTAMP'
  | 'STALE_TIMESTAMP'
  | 'FUTURE_TIMESTAMP'
  | 'SIGNTEST_PROBE'
  | 'UNKNOWN_SERIAL'
  | 'CERTIFICATE_EXPIRED'
  | 'BAD_SIGNATURE';

export class SignatureRejected extends Error {
  constructor(
    readonly reason: SignatureRejectionReason,
    message: string,
  ) {
    super(message);
    this.name = 'SignatureRejected';
  }
}
