import { Arg, ClassType, Ctx, FieldResolver, ID, Resolver } from "type-graphql";
import { Context } from "../../context.type";
import { Policy } from "#core";
import { ReferralMessageInput } from "./message.input";
import { CounterpartMessageIds, sendReferralMessage } from "./message.service";
import { ReferralMessage } from "./message.type";

/** A referral's conversation, in the writing country's mutation namespace. */
export function messageMutations(
  namespace: ClassType,
  counterpartMessageIds: CounterpartMessageIds,
): Function {
  @Resolver(() => namespace)
  class MessageMutations {
    @Policy("writeReferrals", ({ referralId }) => [referralId])
    @FieldResolver(() => ReferralMessage, {
      description:
        "Writes a message to the other NCP of a referral this country is party to (while it is SENT)",
    })
    sendReferralMessage(
      @Arg("referralId", () => ID) referralId: string,
      @Arg("input", () => ReferralMessageInput) input: ReferralMessageInput,
      @Ctx() ctx: Context,
    ) {
      return sendReferralMessage(ctx, counterpartMessageIds, referralId, input);
    }
  }
  return MessageMutations;
}
