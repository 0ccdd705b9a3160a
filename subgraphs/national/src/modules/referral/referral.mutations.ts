import { Arg, ClassType, Ctx, FieldResolver, ID, Int, Resolver } from "type-graphql";
import { Context } from "../../context.type";
import { Policy } from "#core";
import { ReferralStatus } from "./referral.enums";
import { SendReferralInput } from "./referral.input";
import { changeReferralStatus, sendReferral } from "./referral.service";
import { Referral } from "./referral.type";

/** The sender's referral writes of a country's mutation namespace. */
export function referralMutations(namespace: ClassType): Function {
  @Resolver(() => namespace)
  class ReferralMutations {
    @Policy("writeReferrals", ({ input }) => [input?.caseId])
    @FieldResolver(() => Referral, {
      description: "Refers one of this country's cases to another country's NCP",
    })
    sendReferral(@Arg("input", () => SendReferralInput) input: SendReferralInput, @Ctx() ctx: Context) {
      return sendReferral(ctx, input);
    }
    @Policy("writeReferrals", ({ id }) => [id])
    @FieldResolver(() => Referral, { description: "Withdraws or closes a referral this country sent" })
    changeReferralStatus(
      @Arg("id", () => ID) id: string,
      @Arg("version", () => Int) version: number,
      @Arg("status", () => ReferralStatus) status: ReferralStatus,
      @Ctx() ctx: Context,
      @Arg("note", () => String, { nullable: true }) note?: string,
    ) {
      return changeReferralStatus(ctx, id, version, status, note?.slice(0, 2000));
    }
  }
  return ReferralMutations;
}
