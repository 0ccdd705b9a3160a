import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root } from "type-graphql";
import { Context } from "../../context.type";
import { Policy } from "../../../../shared/src/auth/policy";
import { StatisticsPeriodInput } from "../statistics/period";
import { countryStatistics } from "../statistics/statistics.service";
import { CountryStatistics } from "../statistics/statistics.type";
import { auditHead, auditTrail } from "../audit/audit-trail.service";
import { AuditEntryConnection, AuditHead, AuditOutcomeValue } from "../audit/audit.type";
import { CaseStage } from "../case/case.enums";
import { CaseService } from "../case/case.service";
import { Case, CaseConnection } from "../case/case.type";
import { ContactPoint } from "../contact-point/contact-point.type";
import { parseObjectId } from "../ids";
import { toCase } from "../case/case.mapper";
import { CounterpartRecord } from "../counterpart/counterpart-record.type";
import { referralRecords } from "../counterpart/referral-records.service";
import { ReferralStatus } from "../referral/referral.enums";
import { ReferralService } from "../referral/referral.service";
import { Referral, ReferralConnection } from "../referral/referral.type";
import { CountryInterface, CountryRef } from "../country-ref";

/**
 * Fields of the `Country` interface, resolved from this country's own store. Other countries' types are
 * stubs here (their fields are `@external`), so these run only for this subgraph's own country.
 */
@Resolver(() => CountryInterface)
export class CountryResolver {
  @FieldResolver(() => [ContactPoint], {
    nullable: true,
    description: "The country's NCP offices, from its own store",
  })
  contactPoints(@Root() country: CountryRef, @Ctx() ctx: Context): Promise<ContactPoint[]> {
    return ctx.loaders.contactPointsByCountry.load(country.code);
  }

  @FieldResolver(() => Case, {
    nullable: true,
    description: "One of the country's cases (its own principals only)",
  })
  @Policy("readCases", ({ id }) => [id])
  async case(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Case | null> {
    const record = await ctx.loaders.cases.load(parseObjectId(id, "id").toHexString());
    return record ? toCase(record) : null;
  }

  @FieldResolver(() => CaseConnection, {
    nullable: true,
    description: "The country's cases, newest first (own principals only)",
  })
  @Policy("readCases", () => [])
  cases(
    @Ctx() ctx: Context,
    @Arg("stage", () => CaseStage, { nullable: true }) stage?: CaseStage,
    @Arg("first", () => Int, { defaultValue: 20 }) first = 20,
    @Arg("after", () => String, { nullable: true }) after?: string,
    @Arg("linkedReferralId", () => ID, {
      nullable: true,
      description: "Only the case this country opened for that referral, as its receiver",
    })
    linkedReferralId?: string,
  ): Promise<CaseConnection> {
    return new CaseService(ctx).list({ stage, linkedReferralId }, first, after);
  }

  @FieldResolver(() => Referral, {
    nullable: true,
    description:
      "A referral this country sent, with the receiver's response and the merged timeline (the two countries' principals only)",
  })
  @Policy("readReferrals", () => [])
  referral(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Referral | null> {
    return new ReferralService(ctx).get(id);
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
    return new ReferralService(ctx).list({ status, to }, first, after);
  }

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

  @FieldResolver(() => AuditEntryConnection, {
    nullable: true,
    description: "This country's audit log, newest first (its own NCP officers only)",
  })
  @Policy("readAuditTrail", () => [])
  auditTrail(
    @Ctx() ctx: Context,
    @Arg("outcome", () => AuditOutcomeValue, { nullable: true }) outcome?: AuditOutcomeValue,
    @Arg("country", () => ID, { nullable: true, description: "Only accesses by principals of this country" })
    country?: string,
    @Arg("policy", () => String, { nullable: true }) policy?: string,
    @Arg("first", () => Int, { defaultValue: 20 }) first = 20,
    @Arg("after", () => String, { nullable: true }) after?: string,
  ): Promise<AuditEntryConnection> {
    return auditTrail(ctx, { outcome, country, policy: policy?.slice(0, 64) }, first, after);
  }

  @FieldResolver(() => AuditHead, {
    nullable: true,
    description: "The head of this country's audit log, for witnessing",
  })
  @Policy("readAuditHead", () => [])
  auditHead(@Ctx() ctx: Context): Promise<AuditHead> {
    return auditHead(ctx);
  }

  @FieldResolver(() => CountryStatistics, {
    nullable: true,
    description:
      "Aggregates for a calendar period, computed from this country's store; disclosure-controlled except for its own NCP officers",
  })
  @Policy("readStatistics", () => [])
  statistics(
    @Arg("period", () => StatisticsPeriodInput) period: StatisticsPeriodInput,
    @Ctx() ctx: Context,
  ): Promise<CountryStatistics> {
    return countryStatistics(ctx, period);
  }
}
