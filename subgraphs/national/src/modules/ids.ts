import { randomBytes } from "node:crypto";
import { BadUserInputError } from "#core";

export { isObjectId, parseObjectId } from "#core";

/** Crockford's base32: digits, then letters without I, L, O and U; in ASCII order, so ids sort by time. */
const BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const B32 = "[0-9A-HJKMNP-TV-Z]";

/**
 * Global referral ids: sender code, year, then the sending time (milliseconds, 9 base32 characters) and
 * 40 random bits, e.g. SE-2026-1KBX3Z5QA-7H2M9WQP. They sort by time, so lists page newest first, but they
 * count nothing: no one can tell from an id how many referrals a country sent, nor find one by guessing.
 * Ids of the older form (a six-digit sequence, SE-2026-000042) are still read.
 */
export const REFERRAL_ID = new RegExp(`^([A-Z]{2})-(\\d{4})-(\\d{6}|${B32}{9}-${B32}{8})$`);

function base32(value: bigint, length: number): string {
  let text = "";
  for (let i = 0; i < length; i++, value >>= 5n) text = BASE32[Number(value & 31n)] + text;
  return text;
}

/** A new referral id for a referral `sender` sends at `at`. */
export function newReferralId(sender: string, at: Date): string {
  const random = BigInt(`0x${randomBytes(5).toString("hex")}`);
  return `${sender}-${at.getUTCFullYear()}-${base32(BigInt(at.getTime()), 9)}-${base32(random, 8)}`;
}

export function parseReferralId(id: string, field = "referralId"): { id: string; sender: string } {
  const match = REFERRAL_ID.exec(id);
  if (!match)
    throw new BadUserInputError(
      `'${id.slice(0, 40)}' is not a referral id such as SE-2026-1KBX3Z5QA-7H2M9WQP`,
      field,
    );
  return { id, sender: match[1] };
}
