import { findCountry } from "#schema/registry";
import { Ctx, Field, FieldResolver, InterfaceType, Resolver, Root } from "type-graphql";
import { Context } from "../context.type";
import { ContactPoint } from "./contact-point/contact-point.type";
import { COUNTRY_INTERFACE_OPTIONS, CountryFacts, CountryRef, countryRefOf } from "#core";

export { CountryRef } from "#core";

/**
 * The shared `Country` interface. Each national subgraph implements it with its own concrete type
 * (`Sweden`, `Lithuania`...), so the query planner routes every country's fields to that country's subgraph.
 * Per-country fields are nullable: one country offline is partial data, not a failed query. The registry's
 * facts (code, name, membership) come from `CountryFacts`, answered here for every country.
 */
@InterfaceType("Country", COUNTRY_INTERFACE_OPTIONS)
export abstract class CountryInterface extends CountryFacts {
  @Field(() => [ContactPoint], {
    nullable: true,
    description: "The country's NCP offices, from its own store",
  })
  contactPoints?: ContactPoint[];
}

/** The interface's own field: the country's NCP offices, which the directory of the region lists. */
@Resolver(() => CountryInterface)
export class CountryContactPointsResolver {
  @FieldResolver(() => [ContactPoint], {
    nullable: true,
    description: "The country's NCP offices, from its own store",
  })
  contactPoints(@Root() country: CountryRef, @Ctx() ctx: Context): Promise<ContactPoint[]> {
    return ctx.loaders.contactPointsByCountry.load(country.code);
  }
}

/** A reference to a country's own type, resolved by that country's subgraph. */
export function countryRef(code: string): CountryRef {
  const country = findCountry(code);
  if (!country) throw new Error(`Unknown country code '${code}' in a stored record.`);
  return countryRefOf(country);
}
