import { ENABLED_COUNTRIES } from "#schema/registry";
import { CountryFacts, countryObjectType } from "#core";

/**
 * One concrete type per enabled country, generated from the registry. The directory's half of `Country` is
 * what the Children's Unit knows without any national store: the registry's facts (`CountryFacts`). The
 * types are references (`resolvable: false`): each country's own subgraph resolves it.
 */
export const COUNTRY_TYPES: Function[] = ENABLED_COUNTRIES.map((country) =>
  countryObjectType(country, CountryFacts, { stub: true }),
);
