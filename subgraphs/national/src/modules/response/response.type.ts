import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { CountryInterface, CountryRef } from "../country-ref";
import { Decision, SupportKind, TracingOutcome } from "./response.enums";

@Directive("@shareable")
@ObjectType()
export class FamilyTracing {
  @Field(() => TracingOutcome, { nullable: true })
  outcome?: TracingOutcome;

  @Field(() => String, { nullable: true })
  summary?: string;
}

@Directive("@shareable")
@ObjectType()
export class RiskAssessment {
  @Field(() => Date, { nullable: true })
  completedOn?: Date;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "The assessment's conclusion: is return in the child's best interests? A return is scheduled only if true",
  })
  returnInBestInterests?: boolean;

  @Field(() => String, { nullable: true })
  summary?: string;
}

@Directive("@shareable")
@ObjectType()
export class ReturnPlan {
  @Field(() => Date, { nullable: true })
  plannedDate?: Date;

  @Field(() => String, { nullable: true })
  receivingPlacement?: string;

  @Field(() => String, { nullable: true })
  escort?: string;
}

@Directive("@shareable")
@ObjectType()
export class ReintegrationSupport {
  @Field(() => SupportKind)
  kind!: SupportKind;

  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => Date, { nullable: true })
  startedOn?: Date;
}

@Directive("@shareable")
@ObjectType({ description: "The receiver's response to a referral, held in the receiver's store" })
export class ReferralResponse {
  @Field(() => ID)
  referralId!: string;

  @Field(() => CountryInterface)
  respondedBy!: CountryRef;

  @Field(() => Decision)
  decision!: Decision;

  @Field(() => String, { nullable: true })
  declineReason?: string;

  @Field(() => ID, { nullable: true, description: "The receiver's contact point handling the referral" })
  assignedContactId?: string;

  @Field(() => FamilyTracing, { nullable: true })
  familyTracing?: FamilyTracing;

  @Field(() => RiskAssessment, { nullable: true })
  riskAssessment?: RiskAssessment;

  @Field(() => ReturnPlan, { nullable: true })
  returnPlan?: ReturnPlan;

  @Field(() => [ReintegrationSupport])
  reintegrationSupport!: ReintegrationSupport[];

  @Field(() => Date, { description: "When the receiver first answered: the acknowledgement" })
  firstRespondedAt!: Date;

  @Field(() => Date, { nullable: true, description: "When the decision became ACCEPTED or DECLINED" })
  decidedAt?: Date;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => Int, { description: "Send it back with the next response; a stale version is a CONFLICT" })
  version!: number;
}
