import { GraphQLError } from "graphql";

/** The input is invalid; `field` names the argument or input field to fix. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, field?: string) {
    super(field ? `${field}: ${message}` : message, {
      extensions: { code: "BAD_USER_INPUT", ...(field ? { field } : {}) },
    });
  }
}
