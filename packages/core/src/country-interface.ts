import { Field, ID, InterfaceType, InterfaceTypeOptions, registerEnumType } from "type-graphql";
import { CountryEntry } from "#schema/countries";
import { countryTypeName } from "#schema/registry";

/**
 * Options of the `Country` interface in every subgraph. Values carry their concrete type's name (each
 * country has its own type, e.g. `Sweden`), and which countries' types a schema holds is decided by its
 * builder (the directory: every enabled country; a national subgraph: its own plus reference stubs), not
 * by whichever classes happen to be loaded in the process.
 */
export const COUNTRY_INTERFACE_OPTIONS: InterfaceTypeOptions = {
  resolveType: (value: { __typename?: string }) => value.__typename,
  autoRegisterImplementations: false,
};

export enum Membership {
  CBSS_MEMBER = "CBSS_MEMBER",
  INVITED_NEIGHBOUR = "INVITED_NEIGHBOUR",
}
registerEnumType(Membership, { name: "Membership" });

/**
 * What the registry says of a country, which every subgraph answers itself for any country's type: the
 * code (the key), the name and the membership. The name and membership are `@shareable`, so the planner
 * takes them from the subgraph it is already in (`referrals { from { name } }` needs no trip to the
 * directory) and does not weigh other routes to them; docs/architecture.md, "The federation pattern".
 */
@InterfaceType("Country", COUNTRY_INTERFACE_OPTIONS)
export abstract class CountryFacts {
  @Field(() => ID, { description: "ISO 3166-1 alpha-2 code" })
  code!: string;

  @Field(() => String, { description: "English short name" })
  name!: string;

  @Field(() => Membership)
  membership!: Membership;
}

/** The fields of `CountryFacts` other than the key, marked `@shareable` on every country's type. */
export const SHARED_COUNTRY_FIELDS: ReadonlySet<string> = new Set(["name", "membership"]);

/** A value of a country's own type (`Sweden`), with the registry's facts about it. */
export interface CountryRef {
  __typename: string;
  code: string;
  name: string;
  membership: Membership;
}

export function countryRefOf(country: CountryEntry): CountryRef {
  return {
    __typename: countryTypeName(country),
    code: country.code,
    name: country.name,
    membership: country.membership as Membership,
  };
}
