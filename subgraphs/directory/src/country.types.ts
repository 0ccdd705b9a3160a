import { Field, ID, InterfaceType, registerEnumType } from "type-graphql";
import { CountryEntry } from "../../../schema/countries";
import { countryTypeName, ENABLED_COUNTRIES } from "../../../schema/registry";
import { COUNTRY_INTERFACE_OPTIONS } from "../../shared/src/country-interface";
import { countryObjectType } from "../../shared/src/country-type";

export enum Membership {
  CBSS_MEMBER = "CBSS_MEMBER",
  INVITED_NEIGHBOUR = "INVITED_NEIGHBOUR",
}
registerEnumType(Membership, { name: "Membership" });

/** The directory's half of `Country`: what the Children's Unit knows without any national store. */
@InterfaceType("Country", COUNTRY_INTERFACE_OPTIONS)
export abstract class CountryInterface {
  @Field(() => ID, { description: "ISO 3166-1 alpha-2 code" })
  code!: string;

  @Field(() => String, { description: "English short name" })
  name!: string;

  @Field(() => Membership)
  membership!: Membership;
}

export interface CountryRef {
  __typename: string;
  code: string;
  name: string;
  membership: Membership;
}

export function countryRef(country: CountryEntry): CountryRef {
  return {
    __typename: countryTypeName(country),
    code: country.code,
    name: country.name,
    membership: country.membership as Membership,
  };
}

/** One concrete type per enabled country, generated from the registry. */
export const COUNTRY_TYPES: Function[] = ENABLED_COUNTRIES.map((country) =>
  countryObjectType(country, CountryInterface),
);
