import { Directive, Field, ID, ObjectType } from "type-graphql";
import { ReferralResponse } from "../response/response.type";
import { ReturnEvent } from "../return-event/return-event.type";

@Directive("@shareable")
@ObjectType({
  description:
    "What one country holds about a referral it is a party to: its response and the events it recorded",
})
export class CounterpartRecord {
  @Field(() => ID)
  referralId!: string;

  @Field(() => ReferralResponse, { nullable: true })
  response?: ReferralResponse;

  @Field(() => [ReturnEvent])
  events!: ReturnEvent[];
}
