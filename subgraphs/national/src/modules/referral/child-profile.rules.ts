import { ReferralPurpose } from "./referral.enums";

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

interface ProfileRule {
  readonly required: readonly ProfileField[];
  readonly optional: readonly ProfileField[];
}

/**
 * Minimisation (docs/referrals.md, "Sending a referral"): a referral shares only what its purpose needs. A field outside
 * `required` and `optional` is refused, not silently dropped, so the sender knows what was not sent.
 */
export const PROFILE_RULES: Readonly<Record<ReferralPurpose, ProfileRule>> = {
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

const isPresent = (value: unknown) =>
  value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);

/** The first problem with a profile for a purpose, as [field, message], or undefined when it fits. */
export function profileViolation(
  purpose: ReferralPurpose,
  profile: Partial<Record<ProfileField, unknown>>,
): [ProfileField, string] | undefined {
  const rule = PROFILE_RULES[purpose];
  for (const field of PROFILE_FIELDS) {
    const allowed = rule.required.includes(field) || rule.optional.includes(field);
    if (!allowed && isPresent(profile[field])) {
      return [
        field,
        `is not shared for purpose ${purpose}; allowed: ${[...rule.required, ...rule.optional].join(", ")}`,
      ];
    }
  }
  for (const field of rule.required) {
    if (!isPresent(profile[field])) return [field, `is required for purpose ${purpose}`];
  }
  return undefined;
}
