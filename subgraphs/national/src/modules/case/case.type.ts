import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { PageInfo } from "../pagination";
import {
  AgeAssessmentMethod,
  AgeBand,
  CaseStage,
  ExploitationForm,
  Sex,
  TargetGroup,
  ViewOnReturn,
} from "./case.enums";

@Directive("@shareable")
@ObjectType({ description: "The child's guardian or representative; never shared in a referral" })
export class Guardian {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  organisation?: string;

  @Field(() => String, { nullable: true })
  contact?: string;

  @Field(() => Date)
  appointedOn!: Date;
}

@Directive("@shareable")
@ObjectType({ description: "The child's views on return, as heard" })
export class ChildViews {
  @Field(() => Date)
  heardOn!: Date;

  @Field(() => ViewOnReturn)
  onReturn!: ViewOnReturn;

  @Field(() => String, { nullable: true, description: "What the child said about return, in substance" })
  statement?: string;

  @Field(() => String, { description: "ISO 639-1" })
  language!: string;

  @Field(() => Boolean)
  withInterpreter!: boolean;
}

@Directive("@shareable")
@ObjectType()
export class AgeAssessment {
  @Field(() => AgeAssessmentMethod)
  method!: AgeAssessmentMethod;

  @Field(() => Date)
  assessedOn!: Date;

  @Field(() => AgeBand)
  outcome!: AgeBand;
}

@Directive("@shareable")
@ObjectType({ description: "A child known to this country; only this country's own principals ever see it" })
export class Case {
  @Field(() => ID)
  id!: string;

  @Field(() => [TargetGroup], { description: "Every group the child belongs to" })
  targetGroups!: TargetGroup[];

  @Field(() => [ExploitationForm])
  exploitationForms!: ExploitationForm[];

  @Field(() => Sex)
  sex!: Sex;

  @Field(() => Int, { nullable: true })
  birthYear?: number;

  @Field(() => AgeBand)
  ageBand!: AgeBand;

  @Field(() => Boolean, { description: "Age uncertain: the person is treated as a child until assessed" })
  ageDisputed!: boolean;

  @Field(() => AgeAssessment, { nullable: true })
  ageAssessment?: AgeAssessment;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2" })
  nationality?: string;

  @Field(() => Date)
  identifiedOn!: Date;

  @Field(() => CaseStage)
  stage!: CaseStage;

  @Field(() => [CaseStage], { description: "The stages this case may move to next" })
  allowedNextStages!: CaseStage[];

  @Field(() => String, { nullable: true })
  carePlacement?: string;

  @Field(() => [String])
  needs!: string[];

  @Field(() => Guardian, { nullable: true })
  guardian?: Guardian;

  @Field(() => Date, {
    nullable: true,
    description: "End of the recovery and reflection period of a presumed trafficking victim",
  })
  reflectionPeriodEndsOn?: Date;

  @Field(() => ChildViews, { nullable: true })
  childViews?: ChildViews;

  @Field(() => ID, {
    nullable: true,
    description: "The referral this case continues, when this country opened it as the receiver",
  })
  linkedReferralId?: string;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => Int)
  version!: number;
}

@Directive("@shareable")
@ObjectType()
export class CaseConnection {
  @Field(() => [Case])
  nodes!: Case[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
