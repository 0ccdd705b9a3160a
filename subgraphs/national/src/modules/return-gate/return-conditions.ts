import { registerEnumType } from "type-graphql";

/** The conditions of a safe return; each names one safeguard (docs/referrals.md, "The return gate"). */
export enum ReturnCondition {
  REFERRAL_ACTIVE = "REFERRAL_ACTIVE",
  CASE_OPEN = "CASE_OPEN",
  RECEIVER_ACCEPTED = "RECEIVER_ACCEPTED",
  BEST_INTERESTS_ESTABLISHED = "BEST_INTERESTS_ESTABLISHED",
  GUARDIAN_APPOINTED = "GUARDIAN_APPOINTED",
  CHILD_VIEWS_HEARD = "CHILD_VIEWS_HEARD",
  REFLECTION_PERIOD_OVER = "REFLECTION_PERIOD_OVER",
  AGE_DISPUTE_SHARED = "AGE_DISPUTE_SHARED",
}

registerEnumType(ReturnCondition, {
  name: "ReturnCondition",
  description: "A condition that must hold before a child is moved across a border",
});

/** What the conditions are judged on. Each party of a referral holds part of it. */
export interface ReturnFacts {
  /** The day of the move: when it happened (a return event), is planned (a return plan), or now. */
  readonly on: Date;
  /** The sender's referral; null when the case has none. */
  readonly referral: { readonly status: string; readonly profileAgeDisputed?: boolean | null } | null;
  /** The sender's case. */
  readonly case: {
    readonly stage: string;
    readonly ageDisputed: boolean;
    readonly hasGuardian: boolean;
    readonly childViewsHeard: boolean;
    readonly reflectionPeriodEndsOn?: Date | null;
  } | null;
  /** The receiver's response, as held (or as it is about to be written). */
  readonly response: { readonly decision: string; readonly returnInBestInterests?: boolean | null } | null;
}

/** Which party's store holds the facts a condition is judged on. */
export enum Holder {
  SENDER = "SENDER",
  RECEIVER = "RECEIVER",
}

registerEnumType(Holder, {
  name: "ReturnConditionHolder",
  description: "The party of a referral whose store holds what a return condition is judged on",
});

interface ConditionRule {
  readonly condition: ReturnCondition;
  readonly holder: Holder;
  /** What must hold, as an officer reads it. */
  readonly description: string;
  readonly holds: (facts: ReturnFacts) => boolean;
}

/**
 * The return gate as data: a child is handed over, received, returned or planned for return only when
 * every condition holds. There is no adult-only path: a person whose age is disputed is a child for every
 * condition, and the receiver must be told of the dispute.
 */
export const RETURN_CONDITIONS: readonly ConditionRule[] = [
  {
    condition: ReturnCondition.REFERRAL_ACTIVE,
    holder: Holder.SENDER,
    description: "the referral is neither withdrawn nor closed",
    holds: ({ referral }) => referral?.status === "SENT",
  },
  {
    condition: ReturnCondition.CASE_OPEN,
    holder: Holder.SENDER,
    description: "the sender's case is not closed",
    holds: (facts) => !!facts.case && facts.case.stage !== "CLOSED",
  },
  {
    condition: ReturnCondition.RECEIVER_ACCEPTED,
    holder: Holder.RECEIVER,
    description: "the receiving country accepted the referral",
    holds: ({ response }) => response?.decision === "ACCEPTED",
  },
  {
    condition: ReturnCondition.BEST_INTERESTS_ESTABLISHED,
    holder: Holder.RECEIVER,
    description:
      "the receiving country's risk assessment concluded that return is in the child's best interests",
    holds: ({ response }) => response?.returnInBestInterests === true,
  },
  {
    condition: ReturnCondition.GUARDIAN_APPOINTED,
    holder: Holder.SENDER,
    description: "a guardian or representative is appointed for the child",
    holds: (facts) => !!facts.case?.hasGuardian,
  },
  {
    condition: ReturnCondition.CHILD_VIEWS_HEARD,
    holder: Holder.SENDER,
    description: "the child's views on return were heard and recorded",
    holds: (facts) => !!facts.case?.childViewsHeard,
  },
  {
    condition: ReturnCondition.REFLECTION_PERIOD_OVER,
    holder: Holder.SENDER,
    description: "no recovery and reflection period is running on the day of the move",
    holds: ({ case: kase, on }) =>
      !!kase && (!kase.reflectionPeriodEndsOn || kase.reflectionPeriodEndsOn.getTime() <= on.getTime()),
  },
  {
    condition: ReturnCondition.AGE_DISPUTE_SHARED,
    holder: Holder.SENDER,
    description:
      "a child whose age is disputed is referred as such (profile.ageDisputed), so the receiver treats the person as a child",
    holds: ({ case: kase, referral }) =>
      !!kase && (!kase.ageDisputed || referral?.profileAgeDisputed === true),
  },
];

export interface ConditionState {
  condition: ReturnCondition;
  holder: Holder;
  description: string;
  met: boolean;
}

/** Every condition judged on the facts, in the order of RETURN_CONDITIONS. */
export function judgeReturn(facts: ReturnFacts): ConditionState[] {
  return RETURN_CONDITIONS.map(({ condition, holder, description, holds }) => ({
    condition,
    holder,
    description,
    met: holds(facts),
  }));
}
