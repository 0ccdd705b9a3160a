import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from "type-graphql";
import { Policy } from "#core";
import { Context } from "../../context.type";
import { CountryInterface } from "../country-ref";
import { inTimeOrder, toMessage } from "../message/message.mapper";
import { ReferralMessage } from "../message/message.type";
import { ReferralStatus } from "../referral/referral.enums";
import { Referral } from "../referral/referral.type";
import { ReferralResponse } from "../response/response.type";
import { toReturnEvent } from "../return-event/return-event.mapper";
import { ReturnEvent } from "../return-event/return-event.type";
import { CounterpartRecord } from "./counterpart-record.type";
import { referralRecords } from "./referral-records.service";

/**
 * The parts of a referral held elsewhere. A referral is always served by its sender; the receiver's half
 * is read from the receiver through the gateway with the caller's own token, batched per receiver.
 */
@Resolver(() => Referral)
export class CounterpartResolver {
  @FieldResolver(() => ReferralResponse, {
    nullable: true,
    description: "The receiver's response, from its store",
  })
  async response(@Root() referral: Referral, @Ctx() ctx: Context): Promise<ReferralResponse | null> {
    return (await this.counterpart(referral, ctx)).response ?? null;
  }

  @FieldResolver(() => [ReturnEvent], {
    nullable: true,
    description: "Return events from both countries' stores, in the order they happened",
  })
  async timeline(@Root() referral: Referral, @Ctx() ctx: Context): Promise<ReturnEvent[]> {
    const [own, counterpart] = await Promise.all([
      ctx.loaders.eventsByReferral.load(referral.id),
      this.counterpart(referral, ctx),
    ]);
    return [...own.map(toReturnEvent), ...counterpart.events].sort(
      (a, b) =>
        a.occurredAt.getTime() - b.occurredAt.getTime() || a.recordedAt.getTime() - b.recordedAt.getTime(),
    );
  }

  @FieldResolver(() => [ReferralMessage], {
    nullable: true,
    description: "The two NCPs' conversation, each message from its writer's store, in the order sent",
  })
  async messages(@Root() referral: Referral, @Ctx() ctx: Context): Promise<ReferralMessage[]> {
    const [own, counterpart] = await Promise.all([
      ctx.loaders.messagesByReferral.load(referral.id),
      this.counterpart(referral, ctx),
    ]);
    return inTimeOrder([...own.map(toMessage), ...counterpart.messages]);
  }

  @FieldResolver(() => Date, { nullable: true, description: "When the receiver first answered" })
  async acknowledgedAt(@Root() referral: Referral, @Ctx() ctx: Context): Promise<Date | null> {
    return (await this.counterpart(referral, ctx)).response?.firstRespondedAt ?? null;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: "Still SENT, not yet answered, and past acknowledgementDueAt (computed on read)",
  })
  async overdue(@Root() referral: Referral, @Ctx() ctx: Context): Promise<boolean> {
    if (referral.status !== ReferralStatus.SENT) return false;
    const { response } = await this.counterpart(referral, ctx);
    return !response && Date.now() > referral.acknowledgementDueAt.getTime();
  }

  private counterpart(referral: Referral, ctx: Context): Promise<CounterpartRecord> {
    return ctx.loaders.counterpartRecords.load({ country: referral.to.code, referralId: referral.id });
  }
}

/** What a country, as the other party, holds about referrals: read by the sender's subgraph for its caller. */
@Resolver(() => CountryInterface)
export class CountryReferralRecordsResolver {
  @FieldResolver(() => [CounterpartRecord], {
    nullable: true,
    description: "What this country holds about the given referrals (its response and its return events)",
  })
  @Policy("readReferrals", () => [])
  referralRecords(
    @Arg("referralIds", () => [ID]) referralIds: string[],
    @Ctx() ctx: Context,
  ): Promise<CounterpartRecord[]> {
    return referralRecords(ctx, referralIds);
  }
}
