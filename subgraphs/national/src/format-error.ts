import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLFormattedError } from "graphql";
import { CountryEntry } from "../../../schema/countries";
import { StoreUnavailableError } from "../../shared/src/errors";

const STORE_OUTAGES = new Set([
  "MongoNetworkError",
  "MongoNetworkTimeoutError",
  "MongoServerSelectionError",
  "MongoNotConnectedError",
  "MongoTopologyClosedError",
]);

/** A store that does not answer is the client's business (retry later), not an internal error to hide. */
export function formatNationalError(country: CountryEntry) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof Error && STORE_OUTAGES.has(original.name)) {
      const outage = new StoreUnavailableError(country.name);
      return { message: outage.message, path: formatted.path, extensions: outage.extensions };
    }
    return formatted;
  };
}
