import { GraphQLError } from "graphql";
import { ConditionState } from "./return-conditions";

/** A move of a child refused by the return gate; `extensions.unmet` names every condition not met. */
export class ReturnNotSafeError extends GraphQLError {
  constructor(what: string, referralId: string | undefined, unmet: readonly ConditionState[]) {
    super(
      `${what} is refused: a return is safe only when ${unmet.map((c) => c.description).join("; ")}. ` +
        "Nothing was written; Case.returnReadiness and Referral.returnReadiness show every condition.",
      {
        extensions: {
          code: "RETURN_NOT_SAFE",
          unmet: unmet.map((c) => c.condition),
          ...(referralId ? { referralId } : {}),
        },
      },
    );
  }
}
