import { CountryEntry } from "#schema/countries";
import { AuditBuffer } from "../audit/audit-buffer";
import { recordsGrant } from "../audit/audit-decision";
import { UnauthenticatedError } from "../errors";
import { ACCESS, authorize, PolicyName } from "./access";
import { Principal } from "./principal";
import { AuthResult } from "./verify-token";

export interface AccessDetails {
  /** The two countries of the record, for `PARTIES` policies. */
  parties?: readonly string[];
  recordIds?: readonly string[];
  /** Why the data is accessed, e.g. a referral's purpose. */
  purpose?: string;
}

/** One request's access checks against the access matrix, each noted in the holder's audit log. */
export interface RequestAccess {
  /** When the caller stops waiting (epoch ms, `deadline.ts`): no protected field starts after it. */
  readonly deadline: number;
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

/**
 * The access checks of one request to a data holder: a national subgraph (`owner` is its country) or the
 * Children's Unit's directory (no `owner`).
 */
export function requestAccess(
  auth: AuthResult,
  owner: CountryEntry | undefined,
  audit: AuditBuffer,
  deadline: number,
): RequestAccess {
  const check = (policy: PolicyName, details: AccessDetails): Principal => {
    try {
      return authorize(auth, policy, owner, details.parties);
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
    deadline,
    authorize(policy, details = {}) {
      const principal = check(policy, details);
      if (recordsGrant(ACCESS[policy], principal.country, owner?.code, details.recordIds)) {
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
