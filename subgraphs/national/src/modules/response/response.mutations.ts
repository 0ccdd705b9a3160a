import { Arg, ClassType, Ctx, FieldResolver, ID, Int, Resolver } from "type-graphql";
import { Context } from "../../context.type";
import { Policy } from "#core";
import { ReturnGate } from "../child-move";
import { ReferralResponseInput } from "./response.input";
import { respondToReferral } from "./response.service";
import { ReferralResponse } from "./response.type";

/** The receiver's answer to a referral, in its country's mutation namespace. */
export function responseMutations(namespace: ClassType, returnGate: ReturnGate): Function {
  @Resolver(() => namespace)
  class ResponseMutations {
    @Policy("writeReferrals", ({ referralId }) => [referralId])
    @FieldResolver(() => ReferralResponse, {
      description: "Answers a referral addressed to this country; version 0 for the first response",
    })
    respondToReferral(
      @Arg("referralId", () => ID) referralId: string,
      @Arg("version", () => Int) version: number,
      @Arg("input", () => ReferralResponseInput) input: ReferralResponseInput,
      @Ctx() ctx: Context,
    ) {
      return respondToReferral(ctx, returnGate, referralId, version, input);
    }
  }
  return ResponseMutations;
}
