import { CASE_STAGES } from "./case/case-stage";
import { CaseStage } from "./case/case.enums";
import { CaseRecord } from "./case/case.model";
import { Case } from "./case/case.type";
import { countryRef } from "./country/country.interface";
import { ReferralRecord } from "./referral/referral.model";
import { ChildProfile, Referral } from "./referral/referral.type";
import { ResponseRecord } from "./response/response.model";
import { ReferralResponse } from "./response/response.type";
import { ReturnEventRecord } from "./return-event/return-event.model";
import { ReturnEvent } from "./return-event/return-event.type";

/** Store records to GraphQL objects: the only place where stored shapes meet the schema. */

const orUndefined = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

export function toCase(doc: CaseRecord): Case {
  const stage = doc.stage as CaseStage;
  return {
    id: doc._id.toHexString(),
    targetGroup: doc.targetGroup as Case["targetGroup"],
    sex: doc.sex as Case["sex"],
    birthYear: orUndefined(doc.birthYear),
    ageBand: doc.ageBand as Case["ageBand"],
    ageDisputed: doc.ageDisputed,
    nationality: orUndefined(doc.nationality),
    identifiedOn: doc.identifiedOn,
    stage,
    allowedNextStages: [...CASE_STAGES[stage]],
    carePlacement: orUndefined(doc.carePlacement),
    needs: doc.needs,
    guardianAppointedOn: orUndefined(doc.guardianAppointedOn),
    reflectionPeriodEndsOn: orUndefined(doc.reflectionPeriodEndsOn),
    childViewsRecordedOn: orUndefined(doc.childViewsRecordedOn),
    updatedAt: doc.updatedAt,
    version: doc.version,
  };
}

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
    profile: doc.profile as ChildProfile,
    history: doc.history.map((h) => ({
      at: h.at,
      status: h.status as Referral["status"],
      by: h.by,
      note: orUndefined(h.note),
    })),
    version: doc.version,
  };
}

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
    updatedAt: doc.updatedAt,
    version: doc.version,
  };
}

export function toReturnEvent(doc: ReturnEventRecord): ReturnEvent {
  return {
    id: doc._id.toHexString(),
    referralId: doc.referralId,
    kind: doc.kind as ReturnEvent["kind"],
    occurredAt: doc.occurredAt,
    recordedAt: doc.recordedAt,
    recordedBy: countryRef(doc.recordedBy),
    notes: orUndefined(doc.notes),
    corrects: doc.corrects?.toHexString(),
  };
}
