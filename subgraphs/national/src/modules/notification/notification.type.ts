import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { CountryInterface, CountryRef } from "../country-ref";
import { DOORBELL_EVENTS } from "./notification.model";

export const DoorbellEvent = Object.fromEntries(DOORBELL_EVENTS.map((e) => [e, e])) as {
  [K in (typeof DOORBELL_EVENTS)[number]]: K;
};
export type DoorbellEvent = (typeof DOORBELL_EVENTS)[number];
registerEnumType(DoorbellEvent, {
  name: "DoorbellEvent",
  description: "What changed on a referral; the referral itself is read through the federation",
});

@Directive("@shareable")
@ObjectType({
  description:
    "A doorbell: the other country of a referral says that something changed on it, with no case data",
})
export class Notification {
  @Field(() => ID)
  id!: string;

  @Field(() => DoorbellEvent)
  event!: DoorbellEvent;

  @Field(() => ID)
  referralId!: string;

  @Field(() => CountryInterface, { description: "The country that rang" })
  from!: CountryRef;

  @Field(() => Date, { description: "When it happened at the country that rang" })
  at!: Date;

  @Field(() => Date)
  receivedAt!: Date;

  @Field(() => Date, { nullable: true })
  readAt?: Date | null;
}

@InputType({ description: "A doorbell as the ringing country's subgraph sends it" })
export class DoorbellInput {
  @Field(() => ID, { description: "The doorbell's own id; a repeated delivery with the same id is ignored" })
  id!: string;

  @Field(() => DoorbellEvent)
  event!: DoorbellEvent;

  @Field(() => ID)
  referralId!: string;

  @Field(() => Date)
  at!: Date;
}

@Directive("@shareable")
@ObjectType({ description: "The answer to a doorbell" })
export class DoorbellReceipt {
  @Field(() => ID)
  id!: string;

  @Field(() => Boolean, { description: "False when this doorbell had already been received" })
  new!: boolean;
}
