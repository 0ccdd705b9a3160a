import { Directive, Field, Float, Int, ObjectType } from "type-graphql";
import { Period } from "./period";

@Directive("@shareable")
@ObjectType({ description: "A published figure: its value, or null with suppressed: true" })
export class StatCell {
  @Field(() => Int, { nullable: true })
  value?: number | null;

  @Field(() => Boolean)
  suppressed!: boolean;
}

@Directive("@shareable")
@ObjectType({ description: "A count table with its row, column and grand totals" })
export class StatTable {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  title!: string;

  @Field(() => [String])
  rows!: string[];

  @Field(() => [String])
  columns!: string[];

  @Field(() => [[StatCell]])
  cells!: StatCell[][];

  @Field(() => [StatCell])
  rowTotals!: StatCell[];

  @Field(() => [StatCell])
  columnTotals!: StatCell[];

  @Field(() => StatCell)
  total!: StatCell;
}

@Directive("@shareable")
@ObjectType()
export class StatMedian {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Float, {
    nullable: true,
    description: "Median in days; null when fewer cases stand behind it than required",
  })
  days?: number | null;

  @Field(() => Boolean)
  suppressed!: boolean;

  @Field(() => Int, { nullable: true, description: "How many cases it rests on (exact figures only)" })
  cases?: number | null;
}

@Directive("@shareable")
@ObjectType({
  description: "A country's figures for one calendar period, computed in its own subgraph from its own store",
})
export class CountryStatistics {
  @Field(() => String)
  country!: string;

  @Field(() => Period)
  period!: Period;

  @Field(() => Boolean, {
    description: "True only for a country's own NCP officers; otherwise disclosure-controlled",
  })
  exact!: boolean;

  @Field(() => Int, { description: "Counts from 1 to threshold - 1 are suppressed" })
  threshold!: number;

  @Field(() => Int, {
    description: "Medians are published only when at least this many cases stand behind them",
  })
  medianMinimum!: number;

  @Field(() => [StatTable])
  tables!: StatTable[];

  @Field(() => [StatMedian])
  medians!: StatMedian[];
}
