import type { Kysely } from 'kysely';
import { type CertificateSnapshot, type CertificateStore, parseCertificateSnapshot } from '../wechat/v3/certificate-store.js';
import type { DB } from './schema.js';
import { isDuplicateKey } from './rows.js';

/**
 * WeChat Pay v3 platform certificates in the database, so every instance on it (and `npm run
 * jobs`) trusts the set one of them downloaded. One row per `key` (merchant and WeChat host); a
 * save never replaces a newer download with an older one.
 */
export class KyselyCertificateStore implements CertificateStore {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly key: string,
  ) {}

  async load(): Promise<CertificateSnapshot | null> {
    const row = await this.db.selectFrom('wechat_pay_certificates').select('snapshot').where('store_key', '=', this.key).executeTakeFirst();
    return row ? parseCertificateSnapshot(row.snapshot) : null;
  }

  async save(snapshot: CertificateSnapshot): Promise<void> {
    const downloadedAt = new Date(snapshot.downloadedAt).getTime();
    if (Number.isNaN(downloadedAt)) throw new Error('a certificate snapshot needs an ISO 8601 downloadedAt');
    const value = { snapshot: JSON.stringify(snapshot), downloaded_at: downloadedAt };
    const updated = await this.db
      .updateTable('wechat_pay_certificates')
      .set(value)
      .where('store_key', '=', this.key)
      .where('downloaded_at', '<=', downloadedAt)
      .executeTakeFirst();
    if (updated.numUpdatedRows > 0n) return;
    try {
      await this.db.insertInto('wechat_pay_certificates').values({ store_key: this.key, ...value }).execute();
    } catch (error) {
      // Another instance saved first: its download is as new as ours or newer, so it stays.
      if (!isDuplicateKey(error)) throw error;
    }
  }
}
