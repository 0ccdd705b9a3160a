import { CountryEntry } from "../../../schema/countries";
import { ACCESS, authorize, PolicyName } from "../../shared/src/auth/access";
import { Principal } from "../../shared/src/auth/principal";
import { AuthResult } from "../../shared/src/auth/verify-token";
import { UnauthenticatedError } from "../../shared/src/errors";
import { NationalConfig } from "./config";
import { FederationClient } from "./federation-client";
import { createLoaders, Loaders } from "./loaders";
import { AuditBuffer } from "./modules/audit/audit-buffer";
import { recordsGrant } from "./modules/audit/audit-decision";
import { Store } from "./store";

export interface AccessDetails {
  /** The two countries of the record, for `PARTIES` policies. */
  parties?: readonly string[];
  recordIds?: readonly string[];
  /** Why the data is accessed, e.g. a referral's purpose. */
  purpose?: string;
}

/** Built once per request; loaders are per request so nothing is cached across callers. */
export interface Context {
  readonly country: CountryEntry;
  readonly config: NationalConfig;
  readonly auth: AuthResult;
  readonly store: Store;
  readonly loaders: Loaders;
  readonly federation: FederationClient;
  readonly audit: AuditBuffer;
  /**
   * Checks a read policy of the access matrix for this request and notes it for the audit log (refusals
   * always, reads by another country's principal); throws UNAUTHENTICATED or FORBIDDEN.
   */
  authorize(policy: PolicyName, details?: AccessDetails): Principal;
  /** The caller, once a policy has admitted it (UNAUTHENTICATED otherwise). */
  principal(): Principal;
  /** Checks a write policy and records the write in the audit log before it happens. */
  authorizeWrite(policy: PolicyName, recordIds: readonly string[]): Promise<Principal>;
}

export function createContext(
  config: NationalConfig,
  store: Store,
  federation: FederationClient,
  auth: AuthResult,
  request: { authorization?: string; operation: string },
): Context {
  const audit = new AuditBuffer(store.Audit, auth, request.operation);
  const check = (policy: PolicyName, details: AccessDetails): Principal => {
    try {
      return authorize(auth, policy, config.country, details.parties);
    } catch (error) {
      audit.note({
        policy,
        outcome: "REFUSED",
        recordIds: details.recordIds,
        purpose: details.purpose,
        reason: (error as Error).message,
      });
      throw error;
    }
  };
  return {
    country: config.country,
    config,
    auth,
    store,
    federation,
    audit,
    loaders: createLoaders(store, federation, request.authorization),
    authorize(policy, details = {}) {
      const principal = check(policy, details);
      if (recordsGrant(ACCESS[policy], principal.country, config.country.code, details.recordIds)) {
        audit.note({ policy, outcome: "ALLOWED", recordIds: details.recordIds, purpose: details.purpose });
      }
      return principal;
    },
    principal() {
      if (auth.kind === "authenticated") return auth.principal;
      throw auth.kind === "rejected"
        ? auth.error
        : new UnauthenticatedError("Sign in: send 'Authorization: Bearer <token>'.");
    },
    async authorizeWrite(policy, recordIds) {
      const principal = check(policy, { recordIds });
      await audit.beginWrite(policy, recordIds);
      return principal;
    },
  };
}
