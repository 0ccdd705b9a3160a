import { IsISO31661Alpha2, IsOptional, Max, MaxLength, Min, ArrayMaxSize } from "class-validator";
import { Field, InputType, Int } from "type-graphql";
import { AgeBand, CaseStage, Sex, TargetGroup } from "./case.enums";

@InputType({ description: "The mutable facts of a case; `updateCase` takes the whole record" })
export class CaseInput {
  @Field(() => TargetGroup)
  targetGroup!: TargetGroup;

  @Field(() => Sex)
  sex!: Sex;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1990)
  @Max(2100)
  birthYear?: number;

  @Field(() => AgeBand)
  ageBand!: AgeBand;

  @Field(() => Boolean, { defaultValue: false })
  ageDisputed!: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsISO31661Alpha2({ message: "must be an ISO 3166-1 alpha-2 country code such as LT" })
  nationality?: string;

  @Field(() => Date, { description: "Date the child was identified" })
  identifiedOn!: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  carePlacement?: string;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(20)
  @MaxLength(200, { each: true })
  needs!: string[];

  @Field(() => Date, { nullable: true })
  guardianAppointedOn?: Date;

  @Field(() => Date, { nullable: true })
  reflectionPeriodEndsOn?: Date;

  @Field(() => Date, { nullable: true })
  childViewsRecordedOn?: Date;
}

@InputType()
export class CaseUpdateInput extends CaseInput {
  @Field(() => CaseStage, { description: "Checked against the allowed transitions (INVALID_TRANSITION)" })
  stage!: CaseStage;
}
