import { GraphQLError } from "graphql";

/** The caller has no valid identity: no token, or a token this country cannot verify. */
export class UnauthenticatedError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: "UNAUTHENTICATED" } });
  }
}
