import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { Decision, SupportKind, TracingOutcome } from "./response.enums";

@InputType()
export class FamilyTracingInput {
  @Field(() => TracingOutcome)
  outcome!: TracingOutcome;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  summary?: string;
}

@InputType()
export class RiskAssessmentInput {
  @Field(() => Date)
  completedOn!: Date;

  @Field(() => Boolean, { description: "Is return in the child's best interests?" })
  returnInBestInterests!: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  summary?: string;
}

@InputType()
export class ReturnPlanInput {
  @Field(() => Date)
  plannedDate!: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  receivingPlacement?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  escort?: string;
}

@InputType()
export class ReintegrationSupportInput {
  @Field(() => SupportKind)
  kind!: SupportKind;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  description?: string;

  @Field(() => Date, { nullable: true })
  startedOn?: Date;
}

@InputType({
  description: "The whole response; each call replaces the previous one (guarded by its version)",
})
export class ReferralResponseInput {
  @Field(() => Decision)
  decision!: Decision;

  @Field(() => String, { nullable: true, description: "Required when declining" })
  @IsOptional()
  @MaxLength(2000)
  declineReason?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @MaxLength(64)
  assignedContactId?: string;

  @Field(() => FamilyTracingInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  familyTracing?: FamilyTracingInput;

  @Field(() => RiskAssessmentInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  riskAssessment?: RiskAssessmentInput;

  @Field(() => ReturnPlanInput, {
    nullable: true,
    description: "Only when the risk assessment found return in the child's best interests",
  })
  @IsOptional()
  @ValidateNested()
  returnPlan?: ReturnPlanInput;

  @Field(() => [ReintegrationSupportInput], { defaultValue: [] })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  reintegrationSupport!: ReintegrationSupportInput[];
}
