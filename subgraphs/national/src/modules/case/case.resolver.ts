import { Arg, Ctx, FieldResolver, ID, Int, Resolver } from "type-graphql";
import { Policy } from "#core";
import { Context } from "../../context.type";
import { CountryInterface } from "../country-ref";
import { parseObjectId } from "../ids";
import { CaseStage } from "./case.enums";
import { toCase } from "./case.mapper";
import { listCases } from "./case.service";
import { Case, CaseConnection } from "./case.type";

/** A country's cases, read from its own store by its own principals. */
@Resolver(() => CountryInterface)
export class CountryCasesResolver {
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
    return listCases(ctx, { stage, linkedReferralId }, first, after);
  }
}
