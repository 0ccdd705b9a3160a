import { CountryEntry } from "../../../../schema/countries";
import { ForbiddenError, UnauthenticatedError } from "../errors";
import { Principal } from "./principal";
import { Role, Scope } from "./roles";
import { AuthResult } from "./verify-token";

/**
 * The access matrix (DESIGN.md section 6) as data. Each national subgraph enforces it itself, through
 * `@Authorized("<policy>")` on fields and mutations; the gateway's opinion does not count.
 */
export interface AccessPolicy {
  readonly description: string;
  readonly roles: readonly Role[];
  /** `OWN`: only principals of the country that holds the data; `PARTICIPATING`: any enabled country. */
  readonly countries: "OWN" | "PARTICIPATING";
  /** Scope a NATIONAL_SYSTEM token needs; NCP officers hold every scope for their own country. */
  readonly scope?: Scope;
}

export const ACCESS = {
  readNcpOnlyContactFields: {
    description:
      "read the NCP-only fields of a contact point (named person, direct phone, 24-hour line, secure channel)",
    roles: ["NCP_OFFICER", "NATIONAL_SYSTEM"],
    countries: "PARTICIPATING",
  },
  writeContactPoints: {
    description: "add, update or remove the country's contact points",
    roles: ["NCP_OFFICER", "NATIONAL_SYSTEM"],
    countries: "OWN",
    scope: "contacts:write",
  },
} as const satisfies Record<string, AccessPolicy>;

export type PolicyName = keyof typeof ACCESS;

export function isPolicyName(name: string): name is PolicyName {
  return Object.prototype.hasOwnProperty.call(ACCESS, name);
}

/** Returns the principal when the policy allows it; otherwise throws UNAUTHENTICATED or FORBIDDEN. */
export function authorize(auth: AuthResult, policyName: PolicyName, owner: CountryEntry): Principal {
  const policy: AccessPolicy = ACCESS[policyName];
  if (auth.kind === "rejected") throw auth.error;
  if (auth.kind === "anonymous") {
    throw new UnauthenticatedError(`Sign in to ${policy.description}: send 'Authorization: Bearer <token>'.`);
  }
  const { principal } = auth;
  if (!policy.roles.includes(principal.role)) {
    throw new ForbiddenError(
      `Role ${principal.role} may not ${policy.description}; needs ${policy.roles.join(" or ")}.`,
    );
  }
  if (policy.countries === "OWN" && principal.country !== owner.code) {
    throw new ForbiddenError(
      `Only principals of ${owner.name} (${owner.code}) may ${policy.description}; your token is for ${principal.country}.`,
    );
  }
  if (policy.scope && principal.role === "NATIONAL_SYSTEM" && !principal.scopes.includes(policy.scope)) {
    throw new ForbiddenError(
      `This national system token lacks scope '${policy.scope}' to ${policy.description}.`,
    );
  }
  return principal;
}
