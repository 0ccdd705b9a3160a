import { Directive, Field, ID, ObjectType } from "type-graphql";

@Directive("@shareable")
@ObjectType({ description: "Whether a country erased what it holds about a referral" })
export class ReferralErasure {
  @Field(() => ID)
  referralId!: string;

  @Field(() => Boolean, {
    description: "False while the sender has not erased the profile: nothing was erased",
  })
  erased!: boolean;

  @Field(() => Date, { nullable: true, description: "When the sender erased the profile" })
  erasedAt?: Date;
}
