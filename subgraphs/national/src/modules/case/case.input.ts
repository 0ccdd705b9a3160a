import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsISO31661Alpha2,
  IsOptional,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from "class-validator";
import { Field, InputType, Int } from "type-graphql";
import { IsLanguageCode } from "../validators";
import {
  AgeAssessmentMethod,
  AgeBand,
  CaseStage,
  ExploitationForm,
  Sex,
  TargetGroup,
  ViewOnReturn,
} from "./case.enums";

@InputType({ description: "The child's guardian or representative; never shared in a referral" })
export class GuardianInput {
  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  organisation?: string;

  @Field(() => String, { nullable: true, description: "How to reach the guardian: telephone or e-mail" })
  @IsOptional()
  @MaxLength(200)
  contact?: string;

  @Field(() => Date)
  appointedOn!: Date;
}

@InputType({ description: "The child's views on return, as heard" })
export class ChildViewsInput {
  @Field(() => Date)
  heardOn!: Date;

  @Field(() => ViewOnReturn)
  onReturn!: ViewOnReturn;

  @Field(() => String, {
    nullable: true,
    description: "What the child said about return, in substance (at most 2000 characters)",
  })
  @IsOptional()
  @MaxLength(2000)
  statement?: string;

  @Field(() => String, { description: "The language the child was heard in (ISO 639-1)" })
  @IsLanguageCode()
  language!: string;

  @Field(() => Boolean)
  withInterpreter!: boolean;
}

@InputType({ description: "How the child's age was assessed; whether it stays disputed is `ageDisputed`" })
export class AgeAssessmentInput {
  @Field(() => AgeAssessmentMethod)
  method!: AgeAssessmentMethod;

  @Field(() => Date)
  assessedOn!: Date;

  @Field(() => AgeBand, { description: "The age band the assessment concluded" })
  outcome!: AgeBand;
}

@InputType({ description: "The mutable facts of a case; `updateCase` takes the whole record" })
export class CaseInput {
  @Field(() => [TargetGroup], { description: "Every group the child belongs to (at least one)" })
  @ArrayMinSize(1, { message: "must name at least one target group" })
  @ArrayUnique({ message: "must not repeat a target group" })
  targetGroups!: TargetGroup[];

  @Field(() => [ExploitationForm], {
    defaultValue: [],
    description: "Only for a child who is TRAFFICKED or EXPLOITED_OR_AT_RISK",
  })
  @ArrayUnique({ message: "must not repeat a form of exploitation" })
  exploitationForms!: ExploitationForm[];

  @Field(() => Sex)
  sex!: Sex;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1990)
  @Max(2100)
  birthYear?: number;

  @Field(() => AgeBand)
  ageBand!: AgeBand;

  @Field(() => Boolean, {
    defaultValue: false,
    description: "Age uncertain, before or after an assessment: the person is treated as a child",
  })
  ageDisputed!: boolean;

  @Field(() => AgeAssessmentInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  ageAssessment?: AgeAssessmentInput;

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

  @Field(() => GuardianInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  guardian?: GuardianInput;

  @Field(() => Date, { nullable: true })
  reflectionPeriodEndsOn?: Date;

  @Field(() => ChildViewsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  childViews?: ChildViewsInput;
}

@InputType()
export class CaseUpdateInput extends CaseInput {
  @Field(() => CaseStage, {
    description:
      "Checked against the allowed transitions (INVALID_TRANSITION); RETURNED also against the return gate (RETURN_NOT_SAFE)",
  })
  stage!: CaseStage;
}
