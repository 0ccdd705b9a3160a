import { Length, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { ChildProfileValues, declareProfileFields } from "./child-profile.fields";
import { ReferralPurpose, Urgency } from "./referral.enums";

/** The profile a sender writes; its fields are declared from `child-profile.fields.ts`. */
@InputType({ description: "Only the fields the purpose allows; see the README for the table" })
export class ChildProfileInput {}
export interface ChildProfileInput extends ChildProfileValues {}
declareProfileFields(ChildProfileInput, "input");

@InputType()
export class SendReferralInput {
  @Field(() => String, {
    description: "Chosen by the client; sending again with the same key returns the same referral",
  })
  @Length(8, 100)
  idempotencyKey!: string;

  @Field(() => ID, { description: "The sender's own case" })
  caseId!: string;

  @Field(() => ID, { description: "Receiving country's code" })
  @Length(2, 2, { message: "must be a two-letter country code" })
  to!: string;

  @Field(() => ReferralPurpose)
  purpose!: ReferralPurpose;

  @Field(() => Urgency)
  urgency!: Urgency;

  @Field(() => ChildProfileInput)
  @ValidateNested()
  profile!: ChildProfileInput;
}
