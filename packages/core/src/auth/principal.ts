import { Role, Scope } from "./roles";

/** A verified caller. Built only by the token verifier. */
export interface Principal {
  readonly issuer: string;
  readonly subject: string;
  readonly role: Role;
  /** The country the caller acts for; absent for the Regional Focal Point. */
  readonly country?: string;
  readonly scopes: readonly Scope[];
  /**
   * The thumbprint of the key the token is bound to (`cnf.jkt`, DPoP): the token is then worth something
   * only with a proof signed by that key (`dpop.ts`).
   */
  readonly keyThumbprint?: string;
}
