import { HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";

/**
 * The caller asked for more than its share; it may try again after `retryAfterSeconds`. Refused before a
 * request runs, it is also HTTP 429 with `Retry-After`.
 */
export class RateLimitedError extends GraphQLError {
  constructor(message: string, retryAfterSeconds: number) {
    super(`${message} Try again in ${retryAfterSeconds} s.`, {
      extensions: {
        code: "RATE_LIMITED",
        retryAfterSeconds,
        http: { status: 429, headers: new HeaderMap([["retry-after", String(retryAfterSeconds)]]) },
      },
    });
  }
}
