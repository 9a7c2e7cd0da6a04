import type { Address } from '../../domain/index.js';
import type { AddressBook, Clock } from '../../application/index.js';
import type { MemoryDatabase } from './memory.database.js';

export class MemoryAddressBook implements AddressBook {
  constructor(
    private readonly db: MemoryDatabase,
    private readonly clock: Clock,
  ) {}

  async findByUser(userId: number): Promise<Address | null> {
    return this.db.state.addresses.get(userId) ?? null;
  }

  async save(userId: number, address: Address): Promise<void> {
    this.db.state.addresses.set(userId, { ...address });
    this.db.state.rowTimes.addressUpdated.set(userId, this.clock.now());
  }
}
