/** A delivery address, copied into every order's snapshot when it is placed. */
export interface Address {
  readonly name: string;
  readonly mobile: string;
  readonly province: string;
  readonly city: string;
  readonly country: string;
  readonly detail: string;
}
