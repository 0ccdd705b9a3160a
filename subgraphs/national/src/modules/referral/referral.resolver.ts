import { Ctx, FieldResolver, ID, Resolver, Root } from "type-graphql";
import { ForbiddenError } from "../../../../shared/src/errors";
import { Context } from "../../context.type";
import { Referral } from "./referral.type";

/** A field of a referral for the sender's principals only. */
function senderOnly(referral: Referral, ctx: Context, refusal: string): void {
  const principal = ctx.authorize("readReferrals", {
    parties: [referral.from.code, referral.to.code],
    recordIds: [referral.id],
    purpose: referral.purpose,
  });
  if (principal.country !== referral.from.code) throw new ForbiddenError(refusal);
}

/** Fields of a referral that its sender's store answers alone. */
@Resolver(() => Referral)
export class ReferralResolver {
  @FieldResolver(() => ID, { nullable: true, description: "The sender's case (sender's principals only)" })
  caseId(@Root() referral: Referral, @Ctx() ctx: Context): string {
    senderOnly(
      referral,
      ctx,
      "The sender's case id is visible only to the sender; the receiver sees the shared profile.",
    );
    return referral.caseId;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Why the profile was erased before its time (sender's principals only)",
  })
  erasureReason(@Root() referral: Referral, @Ctx() ctx: Context): string | null {
    senderOnly(referral, ctx, "Why a profile was erased is visible only to the sender.");
    return referral.erasureReason ?? null;
  }
}
