import { Arg, Ctx, FieldResolver, ID, Int, Resolver } from "type-graphql";
import { Policy } from "#core";
import { Context } from "../../context.type";
import { CountryInterface } from "../country-ref";
import { auditHead, auditTrail } from "./audit-trail.service";
import { AuditEntryConnection, AuditHead, AuditOutcomeValue } from "./audit.type";

/** A country's audit log: the trail for its NCP officers, the head for the directory's witness. */
@Resolver(() => CountryInterface)
export class CountryAuditResolver {
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
}
