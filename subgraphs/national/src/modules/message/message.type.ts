import { Directive, Field, ID, ObjectType } from "type-graphql";
import { CountryInterface, CountryRef } from "../country-ref";

@Directive("@shareable")
@ObjectType({
  description: "A message between the two NCPs of a referral, held in the store of the country that wrote it",
})
export class ReferralMessage {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  referralId!: string;

  @Field(() => CountryInterface)
  writtenBy!: CountryRef;

  @Field(() => String, { description: "The principal who wrote it" })
  author!: string;

  @Field(() => String)
  body!: string;

  @Field(() => ID, { nullable: true, description: "The message this one answers, from either country" })
  answerTo?: string;

  @Field(() => Date)
  sentAt!: Date;
}
