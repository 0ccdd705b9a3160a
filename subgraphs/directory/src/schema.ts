import { GraphQLSchema } from "graphql";
import { buildFederatedSchema } from "#core";
import { CountryResolver } from "./country/country.resolver";
import { COUNTRY_TYPES } from "./country/country.types";
import { WitnessResolver } from "./witness/witness.resolver";
import { RegionalEventResolver } from "./events/event.resolver";
import { ActivityResolver } from "./activities/activity.resolver";

/**
 * The directory subgraph: participating countries as references of each country's own type. It resolves
 * no country by reference: everything it knows of one (the registry's facts) every national subgraph
 * answers too, so the planner never needs to come back here.
 */
export function buildDirectorySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [CountryResolver, WitnessResolver, RegionalEventResolver, ActivityResolver],
    orphanedTypes: COUNTRY_TYPES,
    // Protected fields declare their access policy with @Policy; an @Authorized field would be denied.
    authChecker: () => false,
  });
}
