import { GraphQLError } from "graphql";

/** The caller asked for more than its share; it may try again after `retryAfterSeconds`. */
export class RateLimitedError extends GraphQLError {
  constructor(message: string, retryAfterSeconds: number) {
    super(`${message} Try again in ${retryAfterSeconds} s.`, {
      extensions: { code: "RATE_LIMITED", retryAfterSeconds },
    });
  }
}
