import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { CountryInterface, CountryRef } from "../country-ref";
import { PageInfo } from "../pagination";
import { ChildProfileValues, declareProfileFields } from "./child-profile.fields";
import { ReferralPurpose, ReferralStatus, Urgency } from "./referral.enums";

@Directive("@shareable")
@ObjectType({
  description: "The minimised child profile shared with the receiver: only what the purpose needs",
})
export class ChildProfile {}
export interface ChildProfile extends ChildProfileValues {}
declareProfileFields(ChildProfile, "output");

@Directive("@shareable")
@ObjectType()
export class ReferralHistoryEntry {
  @Field(() => Date)
  at!: Date;

  @Field(() => ReferralStatus)
  status!: ReferralStatus;

  @Field(() => String, { description: "Subject of the principal who made the change" })
  by!: string;

  @Field(() => String, { nullable: true })
  note?: string;
}

@Directive("@shareable")
@ObjectType({
  description:
    "A referral of a child from one NCP to another. The sender holds it; the receiver's response and " +
    "return events are held by whoever wrote them and merged here on read.",
})
export class Referral {
  @Field(() => ID, {
    description: "Global id: <sender code>-<year>-<time and random part>, e.g. SE-2026-1KBX3Z5QA-7H2M9WQP",
  })
  id!: string;

  @Field(() => CountryInterface)
  from!: CountryRef;

  @Field(() => CountryInterface)
  to!: CountryRef;

  @Field(() => ReferralPurpose)
  purpose!: ReferralPurpose;

  @Field(() => Urgency)
  urgency!: Urgency;

  @Field(() => ReferralStatus)
  status!: ReferralStatus;

  @Field(() => Date)
  sentAt!: Date;

  @Field(() => Date, { description: "48 hours after sending if urgent, 7 days otherwise (configurable)" })
  acknowledgementDueAt!: Date;

  @Field(() => ChildProfile)
  profile!: ChildProfile;

  @Field(() => [ReferralHistoryEntry])
  history!: ReferralHistoryEntry[];

  @Field(() => Date, {
    nullable: true,
    description: "When the profile's identifying fields were erased (retention, or an officer with a reason)",
  })
  erasedAt?: Date;

  @Field(() => Int)
  version!: number;

  /** The sender's case; exposed only to the sender, through a field resolver. */
  caseId!: string;

  /** Why the profile was erased; served to the sender's principals only, through a field resolver. */
  erasureReason?: string;

  /** Fixed when sent; served through `deadlines`. */
  decisionDueAt?: Date;
  riskAssessmentDueAt?: Date;
}

@Directive("@shareable")
@ObjectType()
export class ReferralConnection {
  @Field(() => [Referral])
  nodes!: Referral[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
