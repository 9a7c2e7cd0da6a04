import type { Address } from '../../domain/index.js';

export const AddressBook = Symbol('AddressBook');
export interface AddressBook {
  findByUser(userId: number): Promise<Address | null>;
  /** Creates or replaces the user's one address. */
  save(userId: number, address: Address): Promise<void>;
}
