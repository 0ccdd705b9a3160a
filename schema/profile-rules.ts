/**
 * What a referral's child profile may carry for each purpose (docs/referrals.md, "Sending a referral"): the
 * national subgraphs enforce it, and the NCP workspace shows it on the send form.
 */

/** Every field a referral's child profile may carry; which ones a referral carries depends on its purpose. */
export const PROFILE_FIELDS = [
  "givenName",
  "familyName",
  "sex",
  "birthYear",
  "ageBand",
  "ageDisputed",
  "nationality",
  "targetGroups",
  "languages",
  "familyContacts",
  "identityDocuments",
  "riskFactors",
  "careNeeds",
  "question",
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export interface ProfileRule {
  readonly required: readonly ProfileField[];
  readonly optional: readonly ProfileField[];
}

/** A referral's purposes; the national subgraph's `ReferralPurpose` enum has exactly these values. */
export type ReferralPurposeName =
  | "FAMILY_TRACING"
  | "RISK_ASSESSMENT"
  | "SAFE_RETURN"
  | "CARE_CONTINUATION"
  | "INFORMATION_REQUEST"
  | "IDENTITY_VERIFICATION";

/**
 * Minimisation: a referral shares only what its purpose needs. A field outside `required` and `optional`
 * is refused, not silently dropped, so the sender knows what was not sent.
 */
export const PROFILE_RULES: Readonly<Record<ReferralPurposeName, ProfileRule>> = {
  FAMILY_TRACING: {
    required: ["givenName", "familyName", "sex", "nationality", "familyContacts"],
    optional: ["birthYear", "ageBand", "ageDisputed", "languages"],
  },
  RISK_ASSESSMENT: {
    required: ["sex", "ageBand", "nationality", "targetGroups", "riskFactors"],
    optional: ["ageDisputed", "familyContacts", "languages"],
  },
  SAFE_RETURN: {
    required: ["givenName", "familyName", "sex", "birthYear", "nationality", "targetGroups", "careNeeds"],
    optional: ["ageDisputed", "languages", "familyContacts", "identityDocuments"],
  },
  CARE_CONTINUATION: {
    required: ["sex", "ageBand", "targetGroups", "careNeeds"],
    optional: ["ageDisputed", "languages"],
  },
  INFORMATION_REQUEST: {
    required: ["question"],
    optional: ["ageBand", "nationality", "targetGroups"],
  },
  IDENTITY_VERIFICATION: {
    required: ["givenName", "familyName", "birthYear", "nationality", "identityDocuments"],
    optional: ["sex", "ageDisputed"],
  },
};
