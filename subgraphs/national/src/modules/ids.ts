import { Types } from "mongoose";
import { BadUserInputError } from "../../../shared/src/errors";

const OBJECT_ID = /^[0-9a-f]{24}$/i;
/** Global referral ids: sender code, year, six-digit sequence, e.g. SE-2026-000042. */
export const REFERRAL_ID = /^([A-Z]{2})-(\d{4})-(\d{6})$/;

export const isObjectId = (id: string) => OBJECT_ID.test(id);

/** Parses a store id from client input, or answers BAD_USER_INPUT naming the field. */
export function parseObjectId(id: string, field: string): Types.ObjectId {
  if (!isObjectId(id)) throw new BadUserInputError(`'${id.slice(0, 40)}' is not a valid id`, field);
  return new Types.ObjectId(id);
}

export function parseReferralId(id: string, field = "referralId"): { id: string; sender: string } {
  const match = REFERRAL_ID.exec(id);
  if (!match)
    throw new BadUserInputError(`'${id.slice(0, 40)}' is not a referral id such as SE-2026-000042`, field);
  return { id, sender: match[1] };
}
