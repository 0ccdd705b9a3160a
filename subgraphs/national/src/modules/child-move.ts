import type { Context } from "../context.type";

/**
 * A step that moves a child across a border. Each is checked by the return gate (modules/return-gate)
 * before anything is written; the modules that write these steps receive the gate from the country's
 * assembly, so none of them needs to know the conditions.
 */
/** The safeguards of a case as they would be written. */
export interface CaseSafeguards {
  readonly ageDisputed: boolean;
  readonly hasGuardian: boolean;
  readonly childViewsHeard: boolean;
  readonly reflectionPeriodEndsOn?: Date | null;
}

export type ChildMove =
  /** The sender moves its case to RETURNED, with the case's facts as the same update writes them. */
  | {
      readonly kind: "CASE_RETURNED";
      readonly caseId: string;
      /** The stage it moves from. */
      readonly stage: string;
      readonly safeguards: CaseSafeguards;
    }
  /** A return event: the sender hands the child over, the receiver receives the child, on that date. */
  | { readonly kind: "HANDED_OVER" | "RECEIVED"; readonly referralId: string; readonly on: Date }
  /** The receiver's response with a return plan for that date; the response as it would be written. */
  | {
      readonly kind: "RETURN_PLAN";
      readonly referralId: string;
      readonly on: Date;
      readonly response: { readonly decision: string; readonly returnInBestInterests?: boolean };
    };

/** Refuses a move with RETURN_NOT_SAFE unless every condition holds. */
export type ReturnGate = (ctx: Context, move: ChildMove) => Promise<void>;
