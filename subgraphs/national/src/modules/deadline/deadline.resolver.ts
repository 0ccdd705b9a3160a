import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { Context } from "../../context.type";
import { Policy } from "#core";
import { CountryInterface } from "../country-ref";
import { Referral } from "../referral/referral.type";
import { Deadline, ReferralAttentionConnection } from "./deadline.type";
import { attention, referralDeadlines } from "./deadline.service";

@Resolver(() => Referral)
export class ReferralDeadlinesResolver {
  @FieldResolver(() => [Deadline], {
    nullable: true,
    description:
      "What the receiver owes and by when: acknowledgement, decision, risk assessment, follow-ups at 3, 6 and 12 months after reception",
  })
  deadlines(@Root() referral: Referral, @Ctx() ctx: Context): Promise<Deadline[]> {
    return referralDeadlines(ctx, referral);
  }
}

@Resolver(() => CountryInterface)
export class AttentionResolver {
  @FieldResolver(() => ReferralAttentionConnection, {
    nullable: true,
    description:
      "Referrals this country sent with something overdue (for another country's principal: those addressed to it). " +
      "`countries { attention }` lists everything overdue that involves the caller's country",
  })
  @Policy("readReferrals", () => [])
  attention(
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { defaultValue: 20 }) first = 20,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<ReferralAttentionConnection> {
    return attention(ctx, first, after);
  }
}
