import { Arg, ClassType, Ctx, FieldResolver, ID, Resolver } from "type-graphql";
import { Context } from "../../context.type";
import { Policy } from "#core";
import { ReturnGate } from "../child-move";
import { ReturnEventInput } from "./return-event.input";
import { recordReturnEvent } from "./return-event.service";
import { ReturnEvent } from "./return-event.type";

/** Return and reintegration steps, in the recording country's mutation namespace. */
export function returnEventMutations(namespace: ClassType, returnGate: ReturnGate): Function {
  @Resolver(() => namespace)
  class ReturnEventMutations {
    @Policy("writeReferrals", ({ referralId }) => [referralId])
    @FieldResolver(() => ReturnEvent, {
      description:
        "Appends a return or reintegration step that this country carried out, to a referral it is party to",
    })
    recordReturnEvent(
      @Arg("referralId", () => ID) referralId: string,
      @Arg("input", () => ReturnEventInput) input: ReturnEventInput,
      @Ctx() ctx: Context,
    ) {
      return recordReturnEvent(ctx, returnGate, referralId, input);
    }
  }
  return ReturnEventMutations;
}
