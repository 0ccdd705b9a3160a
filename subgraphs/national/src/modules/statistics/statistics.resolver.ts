import { Arg, Ctx, FieldResolver, Resolver } from "type-graphql";
import { Policy } from "#core";
import { Context } from "../../context.type";
import { CountryInterface } from "../country-ref";
import { StatisticsPeriodInput } from "./period";
import { countryStatistics } from "./statistics.service";
import { CountryStatistics } from "./statistics.type";

/** A country's figures for a period, computed from its own store. */
@Resolver(() => CountryInterface)
export class CountryStatisticsResolver {
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
