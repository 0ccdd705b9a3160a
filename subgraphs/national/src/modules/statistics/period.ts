import { Directive, Field, InputType, Int, ObjectType } from "type-graphql";
import { BadUserInputError } from "#core";

@InputType({
  description: "A fixed calendar period: a year, or one quarter or month of it. Never an arbitrary range",
})
export class StatisticsPeriodInput {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { nullable: true, description: "1 to 4" })
  quarter?: number;

  @Field(() => Int, { nullable: true, description: "1 to 12 (exact figures only)" })
  month?: number;
}

@Directive("@shareable")
@ObjectType("StatisticsPeriod")
export class Period {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { nullable: true })
  quarter?: number;

  @Field(() => Int, { nullable: true })
  month?: number;

  @Field(() => String, { description: "e.g. 2026, 2026-Q2, 2026-05" })
  label!: string;

  /** Inclusive start, exclusive end, in UTC. */
  start!: Date;
  end!: Date;
}

export function toPeriod(input: StatisticsPeriodInput): Period {
  const { year, quarter, month } = input;
  const thisYear = new Date().getUTCFullYear();
  if (!Number.isInteger(year) || year < 2000 || year > thisYear + 1) {
    throw new BadUserInputError(`must be a year from 2000 to ${thisYear + 1}`, "period.year");
  }
  if (quarter != null && month != null)
    throw new BadUserInputError("give a quarter or a month, not both", "period.month");
  if (quarter != null) {
    if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)
      throw new BadUserInputError("must be 1 to 4", "period.quarter");
    return {
      year,
      quarter,
      label: `${year}-Q${quarter}`,
      start: new Date(Date.UTC(year, (quarter - 1) * 3, 1)),
      end: new Date(Date.UTC(year, quarter * 3, 1)),
    };
  }
  if (month != null) {
    if (!Number.isInteger(month) || month < 1 || month > 12)
      throw new BadUserInputError("must be 1 to 12", "period.month");
    return {
      year,
      month,
      label: `${year}-${String(month).padStart(2, "0")}`,
      start: new Date(Date.UTC(year, month - 1, 1)),
      end: new Date(Date.UTC(year, month, 1)),
    };
  }
  return {
    year,
    label: String(year),
    start: new Date(Date.UTC(year, 0, 1)),
    end: new Date(Date.UTC(year + 1, 0, 1)),
  };
}

export const quartersOf = (year: number) => [1, 2, 3, 4].map((quarter) => toPeriod({ year, quarter }));
