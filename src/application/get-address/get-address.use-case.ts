import { inject, injectable } from 'inversify';
import { type Address, DomainError } from '../../domain/index.js';
import { AddressBook } from '../ports/address.book.js';

export class AddressNotFound extends DomainError {
  readonly code = 'ADDRESS.NOT_FOUND';
  readonly errorCode = 60001;
  constructor() {
    super('用户地址不存在: the user has not saved an address yet');
  }
}

@injectable()
export class GetAddress {
  constructor(@inject(AddressBook) private readonly addresses: AddressBook) {}

  async execute(command: { readonly uid: number }): Promise<Address> {
    const address = await this.addresses.findByUser(command.uid);
    if (!address) throw new AddressNotFound();
    return address;
  }
}
