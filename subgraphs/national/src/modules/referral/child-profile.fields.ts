import {
  ArrayMaxSize,
  ArrayUnique,
  IsISO31661Alpha2,
  IsOptional,
  Length,
  Max,
  MaxLength,
  Min,
} from "class-validator";
import { Field, Int } from "type-graphql";
import { ProfileField, PROFILE_FIELDS } from "#schema/profile-rules";
import { AgeBand, Sex, TargetGroup } from "../case/case.enums";
import { IsLanguageCode } from "../validators";

/** A child profile's values: the fields of `PROFILE_FIELDS` (the registry's list), each optional. */
export interface ChildProfileValues extends Partial<Record<ProfileField, unknown>> {
  givenName?: string;
  familyName?: string;
  sex?: Sex;
  birthYear?: number;
  ageBand?: AgeBand;
  ageDisputed?: boolean;
  nationality?: string;
  targetGroups?: TargetGroup[];
  languages?: string[];
  familyContacts?: string;
  identityDocuments?: string;
  riskFactors?: string;
  careNeeds?: string;
  question?: string;
}

interface FieldSpec {
  readonly type: () => unknown;
  /** What the sender's input is checked against. */
  readonly checks?: readonly PropertyDecorator[];
  /** What the shared profile says of the field (the input says nothing more). */
  readonly description?: string;
}

/**
 * Each field's GraphQL type, checks and description, once: the input a sender writes (`ChildProfileInput`)
 * and the profile the receiver reads (`ChildProfile`) are both declared from it, in `PROFILE_FIELDS`' order.
 */
const FIELDS: Readonly<Record<ProfileField, FieldSpec>> = {
  givenName: { type: () => String, checks: [IsOptional(), Length(1, 100)] },
  familyName: { type: () => String, checks: [IsOptional(), Length(1, 100)] },
  sex: { type: () => Sex },
  birthYear: { type: () => Int, checks: [IsOptional(), Min(1990), Max(2100)] },
  ageBand: { type: () => AgeBand },
  ageDisputed: { type: () => Boolean },
  nationality: {
    type: () => String,
    checks: [
      IsOptional(),
      IsISO31661Alpha2({ message: "must be an ISO 3166-1 alpha-2 country code such as LT" }),
    ],
  },
  targetGroups: {
    type: () => [TargetGroup],
    checks: [IsOptional(), ArrayUnique({ message: "must not repeat a target group" })],
  },
  languages: { type: () => [String], checks: [IsOptional(), ArrayMaxSize(10), IsLanguageCode()] },
  familyContacts: {
    type: () => String,
    checks: [IsOptional(), MaxLength(2000)],
    description: "What is known of the family, for tracing",
  },
  identityDocuments: { type: () => String, checks: [IsOptional(), MaxLength(1000)] },
  riskFactors: { type: () => String, checks: [IsOptional(), MaxLength(2000)] },
  careNeeds: { type: () => String, checks: [IsOptional(), MaxLength(2000)] },
  question: {
    type: () => String,
    checks: [IsOptional(), MaxLength(2000)],
    description: "The question of an INFORMATION_REQUEST",
  },
};

/** Declares the profile's fields on a GraphQL input (with its checks) or object type (with descriptions). */
export function declareProfileFields(target: { prototype: object }, side: "input" | "output"): void {
  for (const name of PROFILE_FIELDS) {
    const spec = FIELDS[name];
    const description = side === "output" ? spec.description : undefined;
    Field(spec.type as never, { nullable: true, ...(description ? { description } : {}) })(
      target.prototype,
      name,
    );
    if (side === "input") for (const check of spec.checks ?? []) check(target.prototype, name);
  }
}
