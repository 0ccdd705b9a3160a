import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLFormattedError } from "graphql";
import { CountryEntry } from "#schema/countries";
import { StoreUnavailableError } from "#core";

const STORE_OUTAGES = new Set([
  "MongoNetworkError",
  "MongoNetworkTimeoutError",
  "MongoServerSelectionError",
  "MongoNotConnectedError",
  "MongoTopologyClosedError",
]);

/**
 * A store that does not answer is the client's business (retry later), not an internal error to hide.
 * While the store is known to be away, any error of the driver or of mongoose is that outage (for
 * example mongoose refusing a query before the first connection).
 */
export function formatNationalError(country: CountryEntry, storeReady: () => boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const outage =
      original instanceof Error &&
      (STORE_OUTAGES.has(original.name) || (!storeReady() && /^Mongo/.test(original.name)));
    if (outage) {
      const outage = new StoreUnavailableError(country.name);
      return { message: outage.message, path: formatted.path, extensions: outage.extensions };
    }
    return formatted;
  };
}
