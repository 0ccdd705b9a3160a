import { Arg, Authorized, ClassType, Ctx, FieldResolver, ID, Int, Resolver } from "type-graphql";
import { PolicyName } from "../../../../shared/src/auth/access";
import { Context } from "../../context.type";
import { ReferralResponseInput } from "./response.input";
import { ResponseService } from "./response.service";
import { ReferralResponse } from "./response.type";

const WRITE_REFERRALS: PolicyName = "writeReferrals";

/** The receiver's answer to a referral, in its country's mutation namespace. */
export function responseMutations(namespace: ClassType): Function {
  @Resolver(() => namespace)
  class ResponseMutations {
    @Authorized(WRITE_REFERRALS)
    @FieldResolver(() => ReferralResponse, {
      description: "Answers a referral addressed to this country; version 0 for the first response",
    })
    respondToReferral(
      @Arg("referralId", () => ID) referralId: string,
      @Arg("version", () => Int) version: number,
      @Arg("input", () => ReferralResponseInput) input: ReferralResponseInput,
      @Ctx() ctx: Context,
    ) {
      return new ResponseService(ctx).respond(referralId, version, input);
    }
  }
  return ResponseMutations;
}
