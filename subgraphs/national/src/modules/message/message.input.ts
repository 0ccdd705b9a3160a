import { IsOptional, Length, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

@InputType()
export class ReferralMessageInput {
  @Field(() => String, { description: "Sending again with the same key returns the same message" })
  @Length(8, 100)
  idempotencyKey!: string;

  @Field(() => String, {
    description:
      "What the other NCP needs to carry the case on: at most 2000 characters, and only what the referral's purpose allows",
  })
  @Length(1, 2000)
  body!: string;

  @Field(() => ID, { nullable: true, description: "A message of the same referral that this one answers" })
  @IsOptional()
  @MaxLength(64)
  answerTo?: string;
}
