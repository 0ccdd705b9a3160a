import { CountryEntry } from "#schema/countries";
import { ForbiddenError, UnauthenticatedError } from "../errors";
import { serviceKeys } from "./keys";
import { Principal } from "./principal";
import { Role, Scope } from "./roles";
import { AuthResult } from "./verify-token";

/**
 * The access matrix (docs/security.md) as data. Each national subgraph enforces it itself, through
 * `@Policy("<policy>")` on its root fields, mutations and protected fields; the gateway's opinion does not
 * count.
 */
export interface AccessPolicy {
  readonly description: string;
  /** Writes are audited before they happen; reads when another country's principal reads, refusals always. */
  readonly kind: "read" | "write";
  readonly roles: readonly Role[];
  /**
   * `OWN`: only principals of the country that holds the data; `PARTIES`: principals of the two countries
   * of a referral (checked per record); `COUNTERPART`: principals of the other country of a referral, never
   * the holder's own; `PARTICIPATING`: any enabled country, or the Children's Unit.
   */
  readonly countries: "OWN" | "PARTIES" | "COUNTERPART" | "PARTICIPATING";
  /** Scope a NATIONAL_SYSTEM token needs; NCP officers hold every scope for their own country. */
  readonly scope?: Scope;
  /** False for metadata that is no case data (an audit head): granted reads are then not logged. */
  readonly audited?: false;
  /** Only a national subgraph's own service credential, not a national system's token from an identity provider. */
  readonly serviceCredential?: true;
}

const SERVICE_ISSUERS = new Set(serviceKeys().map((k) => k.issuer));

export const ACCESS = {
  readNcpOnlyContactFields: {
    kind: "read",
    description:
      "read the NCP-only fields of a contact point (named person, direct phone, 24-hour line, secure channel)",
    roles: ["NCP_OFFICER", "NATIONAL_SYSTEM"],
    countries: "PARTICIPATING",
  },
  writeContactPoints: {
    kind: "write",
    description: "add, update or remove the country's contact points",
    roles: ["NCP_OFFICER", "NATIONAL_SYSTEM"],
    countries: "OWN",
    scope: "contacts:write",
  },
  writeNetwork: {
    kind: "write",
    description:
      "add or update the country's partners, its national working group and its progress on the Plan",
    roles: ["NCP_OFFICER", "NATIONAL_SYSTEM"],
    countries: "OWN",
    scope: "network:write",
  },
  readNetwork: {
    kind: "read",
    description: "read a country's national working group and its progress on the Plan of Action",
    roles: ["NCP_OFFICER", "NATIONAL_SYSTEM", "RFP_ANALYST", "RFP_COORDINATOR"],
    countries: "PARTICIPATING",
    audited: false,
  },
  readRegionalActivities: {
    kind: "read",
    description: "read the regional events and the activity tracker of the Plan of Action",
    roles: ["NCP_OFFICER", "NATIONAL_SYSTEM", "RFP_ANALYST", "RFP_COORDINATOR"],
    countries: "PARTICIPATING",
    audited: false,
  },
  coordinateActivities: {
    kind: "write",
    description: "create or update regional events and the status and notes of the Plan's activities",
    roles: ["RFP_COORDINATOR"],
    countries: "PARTICIPATING",
  },
  readCases: {
    kind: "read",
    description: "read the country's cases",
    roles: ["NCP_OFFICER", "NATIONAL_SYSTEM"],
    countries: "OWN",
    scope: "cases:read",
  },
  writeCases: {
    kind: "write",
    description: "create or update the country's cases",
    roles: ["NCP_OFFICER", "NATIONAL_SYSTEM"],
    countries: "OWN",
    scope: "cases:write",
  },
  readReferrals: {
    kind: "read",
    description: "read a referral, its response and its return events",
    roles: ["NCP_OFFICER", "NATIONAL_SYSTEM"],
    countries: "PARTIES",
    scope: "referrals:read",
  },
  writeReferrals: {
    kind: "write",
    description: "send, answer or record events of the country's referrals",
    roles: ["NCP_OFFICER", "NATIONAL_SYSTEM"],
    countries: "OWN",
    scope: "referrals:write",
  },
  eraseReferralCopies: {
    kind: "write",
    description:
      "ask a country to erase what it holds about a referral whose sender erased the profile (it erases only what the sender already has)",
    roles: ["NATIONAL_SYSTEM"],
    countries: "PARTIES",
    scope: "referrals:erase",
  },
  ringDoorbell: {
    kind: "write",
    description:
      "ring a country's doorbell about a referral of the two countries (a national subgraph's service credential does, after a write)",
    roles: ["NATIONAL_SYSTEM"],
    countries: "COUNTERPART",
    scope: "doorbells:ring",
    serviceCredential: true,
  },
  readNotifications: {
    kind: "read",
    description: "read the country's doorbells and mark them read (they carry no case data)",
    roles: ["NCP_OFFICER", "NATIONAL_SYSTEM"],
    countries: "OWN",
    scope: "referrals:read",
    audited: false,
  },
  manageWebhooks: {
    kind: "write",
    description: "register or remove the webhooks where the country's national systems receive its doorbells",
    roles: ["NATIONAL_SYSTEM"],
    countries: "OWN",
    scope: "webhooks:manage",
  },
  readAuditTrail: {
    kind: "read",
    description: "page through the country's audit trail",
    roles: ["NCP_OFFICER"],
    countries: "OWN",
  },
  readStatistics: {
    kind: "read",
    description:
      "read the country's aggregate statistics (exact for its own NCP officers, disclosure-controlled otherwise)",
    roles: ["RFP_ANALYST", "NCP_OFFICER", "NATIONAL_SYSTEM"],
    countries: "PARTICIPATING",
    audited: false,
  },
  readAuditHead: {
    kind: "read",
    description: "read the head (sequence number and hash) of the country's audit log",
    roles: ["RFP_ANALYST", "NCP_OFFICER", "NATIONAL_SYSTEM"],
    countries: "PARTICIPATING",
    audited: false,
  },
} as const satisfies Record<string, AccessPolicy>;

export type PolicyName = keyof typeof ACCESS;

export function isPolicyName(name: string): name is PolicyName {
  return Object.prototype.hasOwnProperty.call(ACCESS, name);
}

/**
 * Returns the principal when the policy allows it; otherwise throws UNAUTHENTICATED or FORBIDDEN.
 * For a `PARTIES` or `COUNTERPART` policy, pass the record's two countries; without them only role and scope are checked
 * (a list is then filtered to the caller's records).
 */
export function authorize(
  auth: AuthResult,
  policyName: PolicyName,
  /** The country holding the data; absent at the Children's Unit, which answers no `OWN` policy. */
  owner: CountryEntry | undefined,
  parties?: readonly string[],
): Principal {
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
  if (policy.countries === "OWN" && (!owner || principal.country !== owner.code)) {
    throw new ForbiddenError(
      owner
        ? `Only principals of ${owner.name} (${owner.code}) may ${policy.description}; your token is for ${principal.country ?? "the Children's Unit"}.`
        : `Only a country's own principals may ${policy.description}.`,
    );
  }
  if (policy.serviceCredential && !SERVICE_ISSUERS.has(principal.issuer)) {
    throw new ForbiddenError(
      `Only a national subgraph's own service credential may ${policy.description}; this token comes from ${principal.issuer}.`,
    );
  }
  if (policy.countries === "COUNTERPART" && owner && principal.country === owner.code) {
    throw new ForbiddenError(
      `Only the other country of a referral may ${policy.description}, not ${owner.name} itself.`,
    );
  }
  // The message names no country of the record: the same for every record the caller is no party to.
  if (policy.countries !== "OWN" && parties && !parties.includes(principal.country ?? "")) {
    throw new ForbiddenError(
      `Only principals of the two countries of a referral may ${policy.description}; your token is for ${principal.country}.`,
    );
  }
  if (policy.scope && principal.role === "NATIONAL_SYSTEM" && !principal.scopes.includes(policy.scope)) {
    throw new ForbiddenError(
      `This national system token lacks scope '${policy.scope}' to ${policy.description}.`,
    );
  }
  return principal;
}
