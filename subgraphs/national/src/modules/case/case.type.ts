import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { PageInfo } from "../pagination";
import { AgeBand, CaseStage, Sex, TargetGroup } from "./case.enums";

@Directive("@shareable")
@ObjectType({ description: "A child known to this country; only this country's own principals ever see it" })
export class Case {
  @Field(() => ID)
  id!: string;

  @Field(() => TargetGroup)
  targetGroup!: TargetGroup;

  @Field(() => Sex)
  sex!: Sex;

  @Field(() => Int, { nullable: true })
  birthYear?: number;

  @Field(() => AgeBand)
  ageBand!: AgeBand;

  @Field(() => Boolean, { description: "Age uncertain: the person is treated as a child until assessed" })
  ageDisputed!: boolean;

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

  @Field(() => Date, { nullable: true })
  guardianAppointedOn?: Date;

  @Field(() => Date, {
    nullable: true,
    description: "End of the recovery and reflection period of a presumed trafficking victim",
  })
  reflectionPeriodEndsOn?: Date;

  @Field(() => Date, {
    nullable: true,
    description: "When the child's views on return were heard and recorded",
  })
  childViewsRecordedOn?: Date;

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
