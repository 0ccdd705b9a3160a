import { IsOptional, Length, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { ReturnEventKind } from "./return-event.enums";

@InputType()
export class ReturnEventInput {
  @Field(() => String, { description: "Recording again with the same key returns the same event" })
  @Length(8, 100)
  idempotencyKey!: string;

  @Field(() => ReturnEventKind)
  kind!: ReturnEventKind;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  notes?: string;

  @Field(() => ID, { nullable: true, description: "Required for CORRECTION: an event this country recorded" })
  @IsOptional()
  @MaxLength(64)
  corrects?: string;
}
