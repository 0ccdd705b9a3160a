import { Arg, Authorized, ClassType, Ctx, FieldResolver, ID, Int, Resolver } from "type-graphql";
import { PolicyName } from "../../../../shared/src/auth/access";
import { Context } from "../../context.type";
import { ReferralStatus } from "./referral.enums";
import { SendReferralInput } from "./referral.input";
import { ReferralService } from "./referral.service";
import { Referral } from "./referral.type";

const WRITE_REFERRALS: PolicyName = "writeReferrals";

/** The sender's referral writes of a country's mutation namespace. */
export function referralMutations(namespace: ClassType): Function {
  @Resolver(() => namespace)
  class ReferralMutations {
    @Authorized(WRITE_REFERRALS)
    @FieldResolver(() => Referral, {
      description: "Refers one of this country's cases to another country's NCP",
    })
    sendReferral(@Arg("input", () => SendReferralInput) input: SendReferralInput, @Ctx() ctx: Context) {
      return new ReferralService(ctx).send(input, ctx.principal());
    }
    @Authorized(WRITE_REFERRALS)
    @FieldResolver(() => Referral, { description: "Withdraws or closes a referral this country sent" })
    changeReferralStatus(
      @Arg("id", () => ID) id: string,
      @Arg("version", () => Int) version: number,
      @Arg("status", () => ReferralStatus) status: ReferralStatus,
      @Ctx() ctx: Context,
      @Arg("note", () => String, { nullable: true }) note?: string,
    ) {
      return new ReferralService(ctx).changeStatus(
        id,
        version,
        status,
        note?.slice(0, 2000),
        ctx.principal(),
      );
    }
  }
  return ReferralMutations;
}
