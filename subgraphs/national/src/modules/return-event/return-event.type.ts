import { Directive, Field, ID, ObjectType } from "type-graphql";
import { CountryInterface, CountryRef } from "../country-ref";
import { ReturnEventKind } from "./return-event.enums";

@Directive("@shareable")
@ObjectType({ description: "One step of a return and reintegration, held by the country that recorded it" })
export class ReturnEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  referralId!: string;

  @Field(() => ReturnEventKind)
  kind!: ReturnEventKind;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => Date)
  recordedAt!: Date;

  @Field(() => CountryInterface)
  recordedBy!: CountryRef;

  @Field(() => String, { nullable: true })
  notes?: string;

  @Field(() => ID, { nullable: true, description: "The event this one corrects (events are never edited)" })
  corrects?: string;
}
