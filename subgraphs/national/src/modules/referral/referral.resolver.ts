import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root } from "type-graphql";
import { ForbiddenError, Policy } from "#core";
import { Context } from "../../context.type";
import { CountryInterface } from "../country-ref";
import { ReferralStatus } from "./referral.enums";
import { getReferral, listReferrals } from "./referral.service";
import { Referral, ReferralConnection } from "./referral.type";

/** A field of a referral for the sender's principals only. */
function senderOnly(referral: Referral, ctx: Context, refusal: string): void {
  const principal = ctx.authorize("readReferrals", {
    parties: [referral.from.code, referral.to.code],
    recordIds: [referral.id],
    purpose: referral.purpose,
  });
  if (principal.country !== referral.from.code) throw new ForbiddenError(refusal);
}

/** Fields of a referral that its sender's store answers alone. */
@Resolver(() => Referral)
export class ReferralResolver {
  @FieldResolver(() => ID, { nullable: true, description: "The sender's case (sender's principals only)" })
  caseId(@Root() referral: Referral, @Ctx() ctx: Context): string {
    senderOnly(
      referral,
      ctx,
      "The sender's case id is visible only to the sender; the receiver sees the shared profile.",
    );
    return referral.caseId;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Why the profile was erased before its time (sender's principals only)",
  })
  erasureReason(@Root() referral: Referral, @Ctx() ctx: Context): string | null {
    senderOnly(referral, ctx, "Why a profile was erased is visible only to the sender.");
    return referral.erasureReason ?? null;
  }
}

/** The referrals a country sent, read from its own store. */
@Resolver(() => CountryInterface)
export class CountryReferralsResolver {
  @FieldResolver(() => Referral, {
    nullable: true,
    description:
      "A referral this country sent, with the receiver's response and the merged timeline (the two countries' principals only)",
  })
  @Policy("readReferrals", () => [])
  referral(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Referral | null> {
    return getReferral(ctx, id);
  }

  @FieldResolver(() => ReferralConnection, {
    nullable: true,
    description:
      "Referrals this country sent, newest first. A principal of another country sees only those addressed to it: " +
      "`countries { referrals }` lists everything sent to the caller's country",
  })
  @Policy("readReferrals", () => [])
  referrals(
    @Ctx() ctx: Context,
    @Arg("status", () => ReferralStatus, { nullable: true }) status?: ReferralStatus,
    @Arg("to", () => ID, { nullable: true }) to?: string,
    @Arg("first", () => Int, { defaultValue: 20 }) first = 20,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<ReferralConnection> {
    return listReferrals(ctx, { status, to }, first, after);
  }
}
