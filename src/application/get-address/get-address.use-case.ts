import { inject, injectable } from 'inversify';
import { type Address, AddressMissing } from '../../domain/index.js';
import { AddressBook } from '../ports/address.book.js';

@injectable()
export class GetAddress {
  constructor(@inject(AddressBook) private readonly addresses: AddressBook) {}

  async execute(command: { readonly uid: number }): Promise<Address> {
    const address = await this.addresses.findByUser(command.uid);
    if (!address) throw new AddressMissing('reading');
    return address;
  }
}
