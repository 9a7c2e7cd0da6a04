import type { Address } from '../../domain/index.js';
import type { AddressBook } from '../../application/index.js';
import type { MemoryDatabase } from './memory.database.js';

export class MemoryAddressBook implements AddressBook {
  constructor(private readonly db: MemoryDatabase) {}

  async findByUser(userId: number): Promise<Address | null> {
    return this.db.state.addresses.get(userId) ?? null;
  }

  async save(userId: number, address: Address): Promise<void> {
    this.db.state.addresses.set(userId, { ...address });
  }
}
