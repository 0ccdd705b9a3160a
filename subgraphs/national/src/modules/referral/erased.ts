import { BadUserInputError } from "#core";
import { Context } from "../../context.type";

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

/** The mark a party that is not the sender keeps in its own store once it has erased its copies. */
export const erasureMark = (referralId: string) => `erased:${referralId}`;

/**
 * Whether the referral's profile is erased by now, as this country's own store knows it: the sender's
 * referral, or the mark the receiver writes before erasing its copies. A write of free text checks again
 * after it wrote, and blanks what it wrote if an erasure ran meanwhile.
 */
export async function erasedNow(ctx: Context, parties: { id: string; from: string }): Promise<boolean> {
  if (parties.from === ctx.country.code) {
    const referral = await ctx.store.Referral.findById(parties.id, { erasedAt: 1 }).lean<{
      erasedAt?: Date;
    }>();
    return !!referral?.erasedAt;
  }
  return !!(await ctx.store.Meta.collection.findOne({ _id: erasureMark(parties.id) as any }));
}
