import { Arg, ID, Query, Resolver } from "type-graphql";
import { enabledCodes, ENABLED_COUNTRIES, findEnabledCountry } from "#schema/registry";
import { BadUserInputError, CountryFacts, CountryRef, countryRefOf } from "#core";

@Resolver(() => CountryFacts)
export class CountryResolver {
  @Query(() => [CountryFacts], { description: "Every participating country, in registry order" })
  countries(): CountryRef[] {
    return ENABLED_COUNTRIES.map(countryRefOf);
  }

  @Query(() => CountryFacts, { nullable: true, description: "One participating country by ISO code" })
  country(@Arg("code", () => ID) code: string): CountryRef {
    const country = code.length <= 3 ? findEnabledCountry(code) : undefined;
    if (!country) {
      throw new BadUserInputError(
        `'${code.slice(0, 10)}' is not a participating country; use one of ${enabledCodes().join(", ")}`,
        "code",
      );
    }
    return countryRefOf(country);
  }
}
