import { Arg, Authorized, ClassType, Ctx, FieldResolver, ID, Resolver } from "type-graphql";
import { PolicyName } from "../../../../shared/src/auth/access";
import { Context } from "../../context.type";
import { ReturnEventInput } from "./return-event.input";
import { ReturnEventService } from "./return-event.service";
import { ReturnEvent } from "./return-event.type";

const WRITE_REFERRALS: PolicyName = "writeReferrals";

/** Return and reintegration steps, in the recording country's mutation namespace. */
export function returnEventMutations(namespace: ClassType): Function {
  @Resolver(() => namespace)
  class ReturnEventMutations {
    @Authorized(WRITE_REFERRALS)
    @FieldResolver(() => ReturnEvent, {
      description:
        "Appends a return or reintegration step that this country carried out, to a referral it is party to",
    })
    recordReturnEvent(
      @Arg("referralId", () => ID) referralId: string,
      @Arg("input", () => ReturnEventInput) input: ReturnEventInput,
      @Ctx() ctx: Context,
    ) {
      return new ReturnEventService(ctx).record(referralId, input);
    }
  }
  return ReturnEventMutations;
}
