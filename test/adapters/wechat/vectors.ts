import { readFileSync } from 'node:fs';

export interface V2Vectors {
  sign: Array<{ params: Record<string, string>; key: string; stringSignTemp: string; MD5: string; 'HMAC-SHA256': string }>;
  paySign: Array<{ params: Record<string, string>; key: string; paySign: string }>;
  notify: { answerSuccess: string };
}

/** WeChat Pay's published v2 signature examples, copied into the repository. */
export const vectors = JSON.parse(
  readFileSync(new URL('../../fixtures/wechatpay/v2-vectors.json', import.meta.url), 'utf8'),
) as V2Vectors;
