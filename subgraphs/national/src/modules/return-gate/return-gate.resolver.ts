import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Context } from "../../context.type";
import { Case } from "../case/case.type";
import { Referral } from "../referral/referral.type";
import { Holder } from "./return-conditions";
import { caseReadiness, referralReadiness } from "./return-gate.service";
import { ReturnReadiness } from "./return-readiness.type";

const ON = {
  nullable: true,
  description: "The day of the intended move (default: now); a day inside a reflection period is not met",
} as const;

/** Whether a return may go ahead, before an officer tries: on the sender's case, and on the referral. */
@Resolver(() => Case)
export class CaseReturnReadinessResolver {
  @FieldResolver(() => ReturnReadiness, {
    nullable: true,
    description: "The return gate's conditions for this case, judged through its active return referral",
  })
  returnReadiness(
    @Root() kase: Case,
    @Ctx() ctx: Context,
    @Arg("on", () => Date, ON) on?: Date,
  ): Promise<ReturnReadiness> {
    return caseReadiness(ctx, kase, on ?? new Date());
  }
}

@Resolver(() => Referral)
export class ReferralReturnReadinessResolver {
  @FieldResolver(() => ReturnReadiness, {
    nullable: true,
    description:
      "The return gate's conditions for this referral, for both parties: which hold, not the records behind them",
  })
  returnReadiness(
    @Root() referral: Referral,
    @Ctx() ctx: Context,
    @Arg("on", () => Date, ON) on?: Date,
    @Arg("heldBy", () => Holder, {
      nullable: true,
      description: "Only the conditions that party's store holds (a party judges its own itself)",
    })
    heldBy?: Holder,
  ): Promise<ReturnReadiness> {
    return referralReadiness(ctx, referral, on ?? new Date(), heldBy);
  }
}
