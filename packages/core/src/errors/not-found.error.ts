import { GraphQLError } from "graphql";

/** No record with that id exists in this country's store. */
export class NotFoundError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: "NOT_FOUND" } });
  }
}
