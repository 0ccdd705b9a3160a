import { registerEnumType } from "type-graphql";
import { Transitions } from "../state-machine";

export enum Decision {
  ACKNOWLEDGED = "ACKNOWLEDGED",
  ACCEPTED = "ACCEPTED",
  DECLINED = "DECLINED",
  INFORMATION_REQUESTED = "INFORMATION_REQUESTED",
}

/**
 * The receiver's decision on a referral. The first response may be any decision; acceptance and refusal
 * are final (a changed situation is a new referral).
 */
export const DECISIONS: Transitions<Decision> = {
  [Decision.ACKNOWLEDGED]: [Decision.ACCEPTED, Decision.DECLINED, Decision.INFORMATION_REQUESTED],
  [Decision.INFORMATION_REQUESTED]: [Decision.ACKNOWLEDGED, Decision.ACCEPTED, Decision.DECLINED],
  [Decision.ACCEPTED]: [],
  [Decision.DECLINED]: [],
};

export enum TracingOutcome {
  IN_PROGRESS = "IN_PROGRESS",
  FAMILY_FOUND = "FAMILY_FOUND",
  FAMILY_NOT_FOUND = "FAMILY_NOT_FOUND",
}

export enum SupportKind {
  MEDICAL = "MEDICAL",
  SOCIAL = "SOCIAL",
  PSYCHOLOGICAL = "PSYCHOLOGICAL",
  EDUCATION = "EDUCATION",
  LEGAL = "LEGAL",
  SHELTER = "SHELTER",
}

registerEnumType(Decision, { name: "Decision" });
registerEnumType(TracingOutcome, { name: "TracingOutcome" });
registerEnumType(SupportKind, {
  name: "SupportKind",
  description: "Reintegration support given after a return",
});
