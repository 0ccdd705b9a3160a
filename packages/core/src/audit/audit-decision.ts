import { AccessPolicy } from "../auth/access";

/**
 * What the audit log records of a granted access (a refusal is always recorded): every write, before it
 * happens, and a read of records by a principal of another country. A read of nothing reads no case data,
 * and a policy may opt out (`audited: false`, e.g. the audit head, a hash that anyone may read).
 */
export function recordsGrant(
  rule: AccessPolicy,
  principalCountry: string | undefined,
  /** The data holder's country; absent at the Children's Unit. */
  ownCountry: string | undefined,
  recordIds: readonly string[] | undefined,
): boolean {
  if (rule.audited === false) return false;
  if (rule.kind === "write") return true;
  return principalCountry !== ownCountry && (recordIds?.length ?? 0) > 0;
}
