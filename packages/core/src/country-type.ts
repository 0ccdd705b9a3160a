import { Directive, ObjectType } from "type-graphql";
import { CountryEntry } from "#schema/countries";
import { countryTypeName } from "#schema/registry";

/**
 * A country's own GraphQL type (`Sweden`), implementing the subgraph's `Country` interface and keyed by
 * `code`: the one builder of country-named types for every subgraph. A `stub` is a reference to a type
 * that another subgraph resolves (`resolvable: false`).
 */
export function countryObjectType(
  country: CountryEntry,
  countryInterface: abstract new () => object,
  options: { stub?: boolean } = {},
): Function {
  @Directive(options.stub ? '@key(fields: "code", resolvable: false)' : '@key(fields: "code")')
  @ObjectType(countryTypeName(country), {
    implements: countryInterface,
    description: `${country.name} (${country.code})`,
  })
  class CountryType extends (countryInterface as new () => object) {}
  return CountryType;
}
