import { BadUserInputError } from "../../../shared/src/errors";

export { isObjectId, parseObjectId } from "../../../shared/src/object-id";

/** Global referral ids: sender code, year, six-digit sequence, e.g. SE-2026-000042. */
export const REFERRAL_ID = /^([A-Z]{2})-(\d{4})-(\d{6})$/;

export function parseReferralId(id: string, field = "referralId"): { id: string; sender: string } {
  const match = REFERRAL_ID.exec(id);
  if (!match)
    throw new BadUserInputError(`'${id.slice(0, 40)}' is not a referral id such as SE-2026-000042`, field);
  return { id, sender: match[1] };
}
