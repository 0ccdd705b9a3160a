import { GraphQLError } from "graphql";

/** A state machine as data: for each state, the states it may move to. */
export type Transitions<S extends string> = Readonly<Record<S, readonly S[]>>;

export class InvalidTransitionError extends GraphQLError {
  constructor(what: string, from: string, to: string, allowed: readonly string[]) {
    super(
      `${what} cannot move from ${from} to ${to}; allowed next: ${allowed.length ? allowed.join(", ") : "none (final)"}.`,
      { extensions: { code: "INVALID_TRANSITION", from, to, allowed } },
    );
  }
}

/** Throws INVALID_TRANSITION (listing the allowed next states) unless `from -> to` is allowed. */
export function assertTransition<S extends string>(
  what: string,
  machine: Transitions<S>,
  from: S,
  to: S,
): void {
  if (from === to) return;
  if (!machine[from].includes(to)) throw new InvalidTransitionError(what, from, to, machine[from]);
}
