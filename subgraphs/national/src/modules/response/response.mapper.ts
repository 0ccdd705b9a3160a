import { countryRef } from "../country-ref";
import { orUndefined } from "../optional";
import { ResponseRecord } from "./response.model";
import { ReferralResponse } from "./response.type";

/** A stored response as the GraphQL object; `holder` is the country whose store holds it (the receiver). */
export function toResponse(doc: ResponseRecord, holder: string): ReferralResponse {
  return {
    referralId: doc._id,
    respondedBy: countryRef(holder),
    decision: doc.decision as ReferralResponse["decision"],
    declineReason: orUndefined(doc.declineReason),
    assignedContactId: orUndefined(doc.assignedContactId),
    familyTracing: doc.familyTracing?.outcome
      ? (doc.familyTracing as ReferralResponse["familyTracing"])
      : undefined,
    riskAssessment: doc.riskAssessment?.completedOn
      ? (doc.riskAssessment as ReferralResponse["riskAssessment"])
      : undefined,
    returnPlan: doc.returnPlan?.plannedDate ? (doc.returnPlan as ReferralResponse["returnPlan"]) : undefined,
    reintegrationSupport: doc.reintegrationSupport as ReferralResponse["reintegrationSupport"],
    firstRespondedAt: doc.firstRespondedAt,
    decidedAt: orUndefined(doc.decidedAt ?? doc.acceptedAt),
    updatedAt: doc.updatedAt,
    version: doc.version,
  };
}
