import { PROFILE_FIELDS, PROFILE_RULES, ProfileField, ProfileRule } from "#schema/profile-rules";
import { ReferralPurpose } from "./referral.enums";

export { PROFILE_FIELDS, ProfileField };

/** Every purpose has its rule (a compile-time check that the enum and the rules agree). */
const RULES: Readonly<Record<ReferralPurpose, ProfileRule>> = PROFILE_RULES;

const isPresent = (value: unknown) =>
  value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);

/** The first problem with a profile for a purpose, as [field, message], or undefined when it fits. */
export function profileViolation(
  purpose: ReferralPurpose,
  profile: Partial<Record<ProfileField, unknown>>,
): [ProfileField, string] | undefined {
  const rule = RULES[purpose];
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
