import { GraphQLError } from "graphql";

/** The caller is known but its role or country may not do this. */
export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: "FORBIDDEN" } });
  }
}
