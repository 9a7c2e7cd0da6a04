export interface User {
  readonly id: number;
  readonly openid: string;
}

export const UserRepository = Symbol('UserRepository');
export interface UserRepository {
  /** Finds the user of an openid, creating it on first login; safe when two logins race. */
  findOrCreateByOpenid(openid: string): Promise<User>;
  findById(id: number): Promise<User | null>;
}
