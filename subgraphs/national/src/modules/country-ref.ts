import { countryTypeName, findCountry } from "../../../../schema/registry";
import { Field, ID, InterfaceType } from "type-graphql";
import { ContactPoint } from "./contact-point/contact-point.type";
import { COUNTRY_INTERFACE_OPTIONS } from "../../../shared/src/country-interface";

/**
 * The shared `Country` interface. Each national subgraph implements it with its own concrete type
 * (`Sweden`, `Lithuania`...), so the query planner routes every country's fields to that country's subgraph.
 * Per-country fields are nullable: one country offline is partial data, not a failed query.
 */
@InterfaceType("Country", COUNTRY_INTERFACE_OPTIONS)
export abstract class CountryInterface {
  @Field(() => ID, { description: "ISO 3166-1 alpha-2 code" })
  code!: string;

  @Field(() => [ContactPoint], {
    nullable: true,
    description: "The country's NCP offices, from its own store",
  })
  contactPoints?: ContactPoint[];
}

/** A reference to a country's own type, resolved by that country's subgraph (and the directory). */
export interface CountryRef {
  __typename: string;
  code: string;
}

export function countryRef(code: string): CountryRef {
  const country = findCountry(code);
  if (!country) throw new Error(`Unknown country code '${code}' in a stored record.`);
  return { __typename: countryTypeName(country), code: country.code };
}
