import { countryRef } from "../country-ref";
import { orUndefined } from "../optional";
import { ReferralRecord } from "./referral.model";
import { ChildProfile, Referral } from "./referral.type";

/** A stored referral as the GraphQL object. */
export function toReferral(doc: ReferralRecord): Referral {
  return {
    id: doc._id,
    caseId: doc.caseId.toHexString(),
    from: countryRef(doc.from),
    to: countryRef(doc.to),
    purpose: doc.purpose as Referral["purpose"],
    urgency: doc.urgency as Referral["urgency"],
    status: doc.status as Referral["status"],
    sentAt: doc.sentAt,
    acknowledgementDueAt: doc.acknowledgementDueAt,
    decisionDueAt: orUndefined(doc.decisionDueAt),
    riskAssessmentDueAt: orUndefined(doc.riskAssessmentDueAt),
    profile: doc.profile as ChildProfile,
    history: doc.history.map((h) => ({
      at: h.at,
      status: h.status as Referral["status"],
      by: h.by,
      note: orUndefined(h.note),
    })),
    erasedAt: orUndefined(doc.erasedAt),
    erasureReason: orUndefined(doc.erasureReason),
    version: doc.version,
  };
}
