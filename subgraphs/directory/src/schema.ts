import { GraphQLSchema } from "graphql";
import { countryTypeName, ENABLED_COUNTRIES } from "../../../schema/registry";
import { buildFederatedSchema } from "../../shared/src/federated-schema";
import { CountryResolver } from "./country.resolver";
import { COUNTRY_TYPES } from "./country.types";
import { countryRefOf } from "../../shared/src/country-interface";
import { WitnessResolver } from "./witness.resolver";
import { RegionalEventResolver } from "./events/event.resolver";
import { ActivityResolver } from "./activities/activity.resolver";

/** The directory subgraph: participating countries as references of each country's own type. */
export function buildDirectorySchema(): Promise<GraphQLSchema> {
  const referenceResolvers = Object.fromEntries(
    ENABLED_COUNTRIES.map((country) => [
      countryTypeName(country),
      {
        __resolveReference: (ref: { code: string }) =>
          ref.code === country.code ? countryRefOf(country) : null,
      },
    ]),
  );
  return buildFederatedSchema(
    {
      resolvers: [CountryResolver, WitnessResolver, RegionalEventResolver, ActivityResolver],
      orphanedTypes: COUNTRY_TYPES,
      // Protected fields declare their access policy with @Policy; an @Authorized field would be denied.
      authChecker: () => false,
    },
    referenceResolvers,
  );
}
