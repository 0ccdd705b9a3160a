import { GraphQLError } from "graphql";

/** The country's own store did not answer; nothing was read or written. */
export class StoreUnavailableError extends GraphQLError {
  constructor(country: string) {
    super(`The ${country} registry store is unavailable; try again shortly.`, {
      extensions: { code: "STORE_UNAVAILABLE" },
    });
  }
}
