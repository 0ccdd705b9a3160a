import { BadUserInputError } from "../../../../shared/src/errors";

/**
 * Once a referral's profile is erased, no free text is written about it any more, by either party
 * (docs/referrals.md, "Retention and erasure"): a write that carries some is refused, naming the field.
 */
export function refuseTextAfterErasure(
  erasedAt: Date | null | undefined,
  texts: Record<string, string | null | undefined>,
): void {
  if (!erasedAt) return;
  for (const [field, text] of Object.entries(texts)) {
    if (text?.trim()) {
      throw new BadUserInputError(
        `cannot be written: the profile of this referral was erased on ${erasedAt.toISOString().slice(0, 10)}, ` +
          "and no free text is kept about it any more",
        field,
      );
    }
  }
}
