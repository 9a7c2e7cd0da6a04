import type { X509Certificate } from 'node:crypto';
import { encryptResource } from '../../../../../src/adapters/wechat/v3/index.js';
import { API_V3_KEY, type SigningKey } from './keys.js';
import type { StubAnswer } from './stub-wechat.js';

/** WeChat's answer to GET /v3/certificates: each certificate encrypted with the APIv3 key, the answer signed. */
export function certificatesAnswer(certificates: X509Certificate[], signWith: SigningKey, options: { apiV3Key?: string; serialOf?: (c: X509Certificate) => string } = {}): StubAnswer {
  return {
    signWith,
    json: {
      data: certificates.map((certificate) => ({
        serial_no: options.serialOf ? options.serialOf(certificate) : certificate.serialNumber,
        effective_time: new Date(certificate.validFrom).toISOString(),
        expire_time: new Date(certificate.validTo).toISOString(),
        encrypt_certificate: encryptResource(certificate.toString(), options.apiV3Key ?? API_V3_KEY, 'c3rtn0nce012', 'certificate'),
      })),
    },
  };
}
