import type { Redis } from 'ioredis';
import { type CertificateSnapshot, type CertificateStore, parseCertificateSnapshot } from '../wechat/v3/certificate-store.js';

/** Sets the snapshot unless the stored one is a newer download; expires a day after its last certificate. */
const SAVE_UNLESS_NEWER = `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, parsed = pcall(cjson.decode, current)
  if ok and type(parsed) == 'table' and type(parsed.downloadedAt) == 'string' and parsed.downloadedAt > ARGV[2] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1
`;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * WeChat Pay v3 platform certificates in Redis, shared by every instance, under
 * `weshop:wechatpay:certificates:<key>` (merchant and WeChat host). A save never replaces a newer
 * download with an older one; the value expires a day after its last certificate does, and an
 * empty store only means one more download.
 */
export class RedisCertificateStore implements CertificateStore {
  private readonly redisKey: string;

  constructor(
    private readonly redis: Redis,
    key: string,
    prefix = 'weshop:wechatpay:certificates:',
  ) {
    this.redisKey = prefix + key;
  }

  async load(): Promise<CertificateSnapshot | null> {
    const value = await this.redis.get(this.redisKey);
    return value === null ? null : parseCertificateSnapshot(value);
  }

  async save(snapshot: CertificateSnapshot): Promise<void> {
    const lastExpiry = Math.max(...snapshot.certificates.map((certificate) => new Date(certificate.notAfter).getTime()));
    const ttlMs = Number.isFinite(lastExpiry) ? Math.max(lastExpiry - Date.now(), 0) + DAY_MS : DAY_MS;
    // ISO 8601 times of one format compare as strings; the script keeps the newer download.
    const downloadedAt = new Date(snapshot.downloadedAt).toISOString();
    await this.redis.eval(SAVE_UNLESS_NEWER, 1, this.redisKey, JSON.stringify({ ...snapshot, downloadedAt }), downloadedAt, String(Math.round(ttlMs)));
  }
}
