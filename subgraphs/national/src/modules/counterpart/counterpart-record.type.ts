import { Directive, Field, ID, ObjectType } from "type-graphql";
import { ReferralMessage } from "../message/message.type";
import { ReferralResponse } from "../response/response.type";
import { ReturnEvent } from "../return-event/return-event.type";

@Directive("@shareable")
@ObjectType({
  description:
    "What one country holds about a referral it is a party to: its response, the events it recorded and the messages it wrote",
})
export class CounterpartRecord {
  @Field(() => ID)
  referralId!: string;

  @Field(() => ReferralResponse, { nullable: true })
  response?: ReferralResponse;

  @Field(() => [ReturnEvent])
  events!: ReturnEvent[];

  @Field(() => [ReferralMessage])
  messages!: ReferralMessage[];
}
