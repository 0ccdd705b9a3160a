import {
  ArrayMaxSize,
  ArrayUnique,
  IsISO31661Alpha2,
  IsOptional,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { AgeBand, Sex, TargetGroup } from "../case/case.enums";
import { IsLanguageCode } from "../validators";
import { ReferralPurpose, Urgency } from "./referral.enums";

@InputType({ description: "Only the fields the purpose allows; see the README for the table" })
export class ChildProfileInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  givenName?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  familyName?: string;

  @Field(() => Sex, { nullable: true })
  sex?: Sex;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1990)
  @Max(2100)
  birthYear?: number;

  @Field(() => AgeBand, { nullable: true })
  ageBand?: AgeBand;

  @Field(() => Boolean, { nullable: true })
  ageDisputed?: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsISO31661Alpha2({ message: "must be an ISO 3166-1 alpha-2 country code such as LT" })
  nationality?: string;

  @Field(() => [TargetGroup], { nullable: true })
  @IsOptional()
  @ArrayUnique({ message: "must not repeat a target group" })
  targetGroups?: TargetGroup[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsLanguageCode()
  languages?: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  familyContacts?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  identityDocuments?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  riskFactors?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  careNeeds?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  question?: string;
}

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
