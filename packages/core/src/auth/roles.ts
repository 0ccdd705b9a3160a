/** Roles a token may carry (docs/security.md, "The access matrix"). */
export const ROLES = ["NCP_OFFICER", "NATIONAL_SYSTEM", "RFP_ANALYST", "RFP_COORDINATOR"] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act for a country and so must carry a `country` claim matching their issuer. */
export const COUNTRY_ROLES: readonly Role[] = ["NCP_OFFICER", "NATIONAL_SYSTEM"];

/** Scopes a `NATIONAL_SYSTEM` token may carry; an `NCP_OFFICER` holds all of them for its own country. */
export const SCOPES = [
  "contacts:write",
  // Partners, the national working group and the country's progress on the Plan of Action.
  "network:write",
  "cases:read",
  "cases:write",
  "referrals:read",
  "referrals:write",
  // Held by a national subgraph's own service identity: asks a receiver to erase its copies (docs/referrals.md).
  "referrals:erase",
  // Registers the webhooks where a national system receives its country's doorbells.
  "webhooks:manage",
  // Held by a national subgraph's own service identity: rings the other country's doorbell after a write.
  "doorbells:ring",
] as const;
export type Scope = (typeof SCOPES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function isScope(value: unknown): value is Scope {
  return typeof value === "string" && (SCOPES as readonly string[]).includes(value);
}
