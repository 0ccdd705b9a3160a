import { GraphQLError } from "graphql";

/** The record changed since the caller read it (optimistic concurrency). */
export class ConflictError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: "CONFLICT" } });
  }
}
