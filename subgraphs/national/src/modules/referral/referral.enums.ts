import { registerEnumType } from "type-graphql";
import { Transitions } from "../state-machine";

export enum ReferralPurpose {
  FAMILY_TRACING = "FAMILY_TRACING",
  RISK_ASSESSMENT = "RISK_ASSESSMENT",
  SAFE_RETURN = "SAFE_RETURN",
  CARE_CONTINUATION = "CARE_CONTINUATION",
  INFORMATION_REQUEST = "INFORMATION_REQUEST",
  IDENTITY_VERIFICATION = "IDENTITY_VERIFICATION",
}

export enum Urgency {
  URGENT = "URGENT",
  NORMAL = "NORMAL",
}

export enum ReferralStatus {
  SENT = "SENT",
  WITHDRAWN = "WITHDRAWN",
  CLOSED = "CLOSED",
}

/** The sender's status of a referral: once withdrawn or closed it stays so (a new referral is sent instead). */
export const REFERRAL_STATUSES: Transitions<ReferralStatus> = {
  [ReferralStatus.SENT]: [ReferralStatus.WITHDRAWN, ReferralStatus.CLOSED],
  [ReferralStatus.WITHDRAWN]: [],
  [ReferralStatus.CLOSED]: [],
};

registerEnumType(ReferralPurpose, { name: "ReferralPurpose" });
registerEnumType(Urgency, { name: "Urgency" });
registerEnumType(ReferralStatus, {
  name: "ReferralStatus",
  description: "The sender's status of a referral",
});
