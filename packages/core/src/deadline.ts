import { GraphQLError } from "graphql";
import { IncomingHttpHeaders } from "node:http";

/**
 * How long the caller will wait for the answer, in milliseconds (the gateway sends its deadline for the
 * subgraph). Relative, so that the clocks of the hub and a country need not agree.
 */
export const TIMEOUT_HEADER = "ncp-timeout-ms";
/** The longest a request may work, whoever asks and whatever it says. */
export const MAX_REQUEST_MS = 30_000;

/** When this request's answer stops being awaited: now plus what the caller said, at most MAX_REQUEST_MS. */
export function deadlineOf(headers: IncomingHttpHeaders, now = Date.now()): number {
  const said = Number(headers[TIMEOUT_HEADER]);
  return now + (Number.isFinite(said) && said >= 0 ? Math.min(said, MAX_REQUEST_MS) : MAX_REQUEST_MS);
}

/** The caller has given up on the answer: no further work is started for it. */
export class DeadlineExceededError extends GraphQLError {
  constructor() {
    super("The caller stopped waiting for this answer, so the work was not done.", {
      extensions: { code: "DEADLINE_EXCEEDED" },
    });
  }
}

/** Milliseconds left before `deadline`; throws DEADLINE_EXCEEDED when none are. */
export function timeLeft(deadline: number): number {
  const left = deadline - Date.now();
  if (left <= 0) throw new DeadlineExceededError();
  return left;
}
