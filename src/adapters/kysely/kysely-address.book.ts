import type { Kysely } from 'kysely';
import type { Address } from '../../domain/index.js';
import type { AddressBook, Clock } from '../../application/index.js';
import type { DB } from './schema.js';
import { selectRows } from './compiled-statements.js';
import { isDuplicateKey, toNumber } from './rows.js';

/** The SQL of KyselyAddressBook.findByUser as a builder; the benchmark's floor compiles the same one. */
export const addressStatements = {
  findByUser: (db: Kysely<DB>, userId: number) =>
    db.selectFrom('user_address').select(['name', 'mobile', 'province', 'city', 'country', 'detail']).where('user_id', '=', userId),
};

export class KyselyAddressBook implements AddressBook {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async findByUser(userId: number): Promise<Address | null> {
    const [row] = await selectRows(this.db, addressStatements.findByUser, userId);
    return row ? { ...row } : null;
  }

  /** Update, else insert; an insert that loses a race to another save becomes an update. */
  async save(userId: number, address: Address): Promise<void> {
    const values = {
      name: address.name,
      mobile: address.mobile,
      province: address.province,
      city: address.city,
      country: address.country,
      detail: address.detail,
      update_time: this.clock.now().getTime(),
    };
    // mysql2 counts matched rows, so an unchanged address still reports its row here.
    if (await this.update(userId, values)) return;
    try {
      await this.db.insertInto('user_address').values({ user_id: userId, ...values }).execute();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await this.update(userId, values);
    }
  }

  private async update(userId: number, values: Omit<Address, never> & { update_time: number }): Promise<boolean> {
    const result = await this.db.updateTable('user_address').set(values).where('user_id', '=', userId).executeTakeFirst();
    return toNumber(result.numUpdatedRows) > 0;
  }
}
