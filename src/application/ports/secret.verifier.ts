/** Checks a presented secret against its stored slow hash, in constant time. */
export interface SecretVerifier {
  /** With no hash (unknown account) it spends the same time and answers false, so timing reveals nothing. */
  verify(secret: string, hash: string | null): Promise<boolean>;
}

export const SecretVerifier = Symbol('SecretVerifier');
