import { inject, injectable } from 'inversify';
import type { Address } from '../../domain/index.js';
import { AddressBook } from '../ports/address.book.js';

export interface SaveAddressCommand {
  readonly uid: number;
  readonly address: Address;
}

/** Creates or replaces the user's one delivery address. */
@injectable()
export class SaveAddress {
  constructor(@inject(AddressBook) private readonly addresses: AddressBook) {}

  async execute(command: SaveAddressCommand): Promise<void> {
    await this.addresses.save(command.uid, command.address);
  }
}
