import { GraphQLSchema } from "graphql";
import { CountryEntry } from "#schema/countries";
import { buildFederatedSchema } from "#core";
import { countryTypes } from "./modules/country/country.factory";
// The order in which these load is the order of the Country fields in the SDL: keep it.
import { CountryContactPointsResolver } from "./modules/country-ref";
import { CountryCasesResolver } from "./modules/case/case.resolver";
import { CountryReferralsResolver, ReferralResolver } from "./modules/referral/referral.resolver";
import {
  CounterpartResolver,
  CountryReferralRecordsResolver,
} from "./modules/counterpart/counterpart.resolver";
import { CountryAuditResolver } from "./modules/audit/audit.resolver";
import { CountryStatisticsResolver } from "./modules/statistics/statistics.resolver";
import { NetworkResolver, WorkingGroupResolver } from "./modules/network/network.resolver";
import { NotificationResolver, WebhookResolver } from "./modules/notification/notification.resolver";
import { AttentionResolver, ReferralDeadlinesResolver } from "./modules/deadline/deadline.resolver";
import {
  CaseReturnReadinessResolver,
  ReferralReturnReadinessResolver,
} from "./modules/return-gate/return-gate.resolver";

/** The national subgraph schema of one country. */
export function buildNationalSchema(country: CountryEntry): Promise<GraphQLSchema> {
  const types = countryTypes(country);
  return buildFederatedSchema(
    {
      resolvers: [
        CountryContactPointsResolver,
        CountryCasesResolver,
        CountryReferralsResolver,
        CountryReferralRecordsResolver,
        CountryAuditResolver,
        CountryStatisticsResolver,
        ReferralResolver,
        CounterpartResolver,
        CaseReturnReadinessResolver,
        ReferralReturnReadinessResolver,
        ReferralDeadlinesResolver,
        AttentionResolver,
        NetworkResolver,
        WorkingGroupResolver,
        NotificationResolver,
        WebhookResolver,
        ...types.mutationResolvers,
      ] as [Function, ...Function[]],
      orphanedTypes: [types.countryType, ...types.stubTypes],
    },
    types.referenceResolvers,
    types.stubs,
  );
}
