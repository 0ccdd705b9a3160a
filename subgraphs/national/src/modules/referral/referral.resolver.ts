import { Ctx, FieldResolver, ID, Resolver, Root } from "type-graphql";
import { ForbiddenError } from "../../../../shared/src/errors";
import { Context } from "../../context.type";
import { Referral } from "./referral.type";

/** Fields of a referral that its sender's store answers alone. */
@Resolver(() => Referral)
export class ReferralResolver {
  @FieldResolver(() => ID, { nullable: true, description: "The sender's case (sender's principals only)" })
  caseId(@Root() referral: Referral, @Ctx() ctx: Context): string {
    const principal = ctx.authorize("readReferrals", {
      parties: [referral.from.code, referral.to.code],
      recordIds: [referral.id],
      purpose: referral.purpose,
    });
    if (principal.country !== referral.from.code) {
      throw new ForbiddenError(
        "The sender's case id is visible only to the sender; the receiver sees the shared profile.",
      );
    }
    return referral.caseId;
  }
}
