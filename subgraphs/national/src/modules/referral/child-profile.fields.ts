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

/** A field: its GraphQL type (and, as `T`, its TypeScript one), the input's checks, the profile's description. */
interface FieldSpec<T> {
  readonly type: () => unknown;
  /** What the sender's input is checked against, in the order they are reported (the first that fails). */
  readonly checks: readonly PropertyDecorator[];
  /** What the shared profile says of the field (the input says nothing more). */
  readonly description?: string;
  /** Carries `T` for `ChildProfileValues`; never set. */
  readonly value?: T;
}

const field = <T>(
  type: () => unknown,
  checks: PropertyDecorator[] = [],
  description?: string,
): FieldSpec<T> => ({
  type,
  checks,
  description,
});

/**
 * Each field once, keyed by the registry's `PROFILE_FIELDS`: the input a sender writes (`ChildProfileInput`)
 * and the profile the receiver reads (`ChildProfile`) are both declared from it, in that list's order, and
 * so are their TypeScript types (`ChildProfileValues`).
 */
const FIELDS = {
  givenName: field<string>(() => String, [Length(1, 100), IsOptional()]),
  familyName: field<string>(() => String, [Length(1, 100), IsOptional()]),
  sex: field<Sex>(() => Sex),
  birthYear: field<number>(() => Int, [Max(2100), Min(1990), IsOptional()]),
  ageBand: field<AgeBand>(() => AgeBand),
  ageDisputed: field<boolean>(() => Boolean),
  nationality: field<string>(
    () => String,
    [IsISO31661Alpha2({ message: "must be an ISO 3166-1 alpha-2 country code such as LT" }), IsOptional()],
  ),
  targetGroups: field<TargetGroup[]>(
    () => [TargetGroup],
    [ArrayUnique({ message: "must not repeat a target group" }), IsOptional()],
  ),
  languages: field<string[]>(() => [String], [IsLanguageCode(), ArrayMaxSize(10), IsOptional()]),
  familyContacts: field<string>(
    () => String,
    [MaxLength(2000), IsOptional()],
    "What is known of the family, for tracing",
  ),
  identityDocuments: field<string>(() => String, [MaxLength(1000), IsOptional()]),
  riskFactors: field<string>(() => String, [MaxLength(2000), IsOptional()]),
  careNeeds: field<string>(() => String, [MaxLength(2000), IsOptional()]),
  question: field<string>(
    () => String,
    [MaxLength(2000), IsOptional()],
    "The question of an INFORMATION_REQUEST",
  ),
} satisfies Record<ProfileField, FieldSpec<unknown>>;

/** A child profile's values, each optional. */
export type ChildProfileValues = {
  [K in ProfileField]?: (typeof FIELDS)[K] extends FieldSpec<infer T> ? T : never;
};

/** Declares the profile's fields on a GraphQL input (with its checks) or object type (with descriptions). */
export function declareProfileFields(target: { prototype: object }, side: "input" | "output"): void {
  for (const name of PROFILE_FIELDS) {
    const spec: FieldSpec<unknown> = FIELDS[name];
    const description = side === "output" ? spec.description : undefined;
    Field(spec.type as never, { nullable: true, ...(description ? { description } : {}) })(
      target.prototype,
      name,
    );
    if (side === "input") for (const check of spec.checks) check(target.prototype, name);
  }
}
