import { Directive, Field, ID, ObjectType } from "type-graphql";
import { CountryInterface, CountryRef } from "../country-ref";
import { PageInfo } from "../pagination";
import { DeadlineKind } from "./deadlines";

@Directive("@shareable")
@ObjectType({ description: "Something a referral's receiver owes by a date, computed on every read" })
export class Deadline {
  @Field(() => DeadlineKind)
  kind!: DeadlineKind;

  @Field(() => Date)
  dueAt!: Date;

  @Field(() => Date, { nullable: true })
  metAt?: Date;

  @Field(() => Boolean, { description: "Past dueAt, not met, and still running" })
  overdue!: boolean;

  @Field(() => CountryInterface, { description: "The country that owes it: the receiver" })
  owedBy!: CountryRef;
}

@Directive("@shareable")
@ObjectType({
  description: "A referral with something overdue: ids, countries and deadlines only, no child's data",
})
export class ReferralAttention {
  @Field(() => ID)
  referralId!: string;

  @Field(() => CountryInterface)
  from!: CountryRef;

  @Field(() => CountryInterface)
  to!: CountryRef;

  @Field(() => [Deadline])
  overdue!: Deadline[];
}

@Directive("@shareable")
@ObjectType()
export class ReferralAttentionConnection {
  @Field(() => [ReferralAttention], { description: "Only the referrals of this page with something overdue" })
  nodes!: ReferralAttention[];

  @Field(() => PageInfo, { description: "Pages through the referrals examined, newest first" })
  pageInfo!: PageInfo;

  @Field(() => [CountryInterface], {
    description: "Receivers that could not be asked; their referrals of this page are left out",
  })
  unavailable!: CountryRef[];
}
