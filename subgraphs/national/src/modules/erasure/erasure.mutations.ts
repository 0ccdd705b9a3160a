import { Length } from "class-validator";
import { Arg, ArgsType, Args, ClassType, Ctx, Field, FieldResolver, ID, Resolver } from "type-graphql";
import { Context } from "../../context.type";
import { Policy } from "#core";
import { Referral } from "../referral/referral.type";
import { eraseCopies, eraseProfile } from "./erasure.service";
import { ReferralErasure } from "./erasure.type";

@ArgsType()
class EraseProfileArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Why the profile is erased before its time (kept with the referral)" })
  @Length(5, 500)
  reason!: string;
}

/** Erasure of a referral's profile, by its sender, and of the copies the other party holds. */
export function erasureMutations(namespace: ClassType): Function {
  @Resolver(() => namespace)
  class ErasureMutations {
    @Policy("writeReferrals", ({ id }) => [id])
    @FieldResolver(() => Referral, {
      description:
        "Erases the identifying fields of a referral this country sent, now and with a reason, here and at the receiver",
    })
    eraseReferralProfile(
      @Args(() => EraseProfileArgs) { id, reason }: EraseProfileArgs,
      @Ctx() ctx: Context,
    ) {
      return eraseProfile(ctx, id, reason);
    }

    @Policy("eraseReferralCopies", ({ referralId }) => [referralId])
    @FieldResolver(() => ReferralErasure, {
      description:
        "Erases what this country holds about a referral, if its sender has erased the profile; asked by the sender's subgraph",
    })
    eraseReferralCopies(@Arg("referralId", () => ID) referralId: string, @Ctx() ctx: Context) {
      return eraseCopies(ctx, referralId);
    }
  }
  return ErasureMutations;
}
