import { orUndefined } from "../optional";
import { CASE_STAGES } from "./case-stage";
import { CaseStage } from "./case.enums";
import { CaseRecord } from "./case.model";
import { Case } from "./case.type";

/** A stored case as the GraphQL object. */
export function toCase(doc: CaseRecord): Case {
  const stage = doc.stage as CaseStage;
  return {
    id: doc._id.toHexString(),
    targetGroups: doc.targetGroups as Case["targetGroups"],
    exploitationForms: (doc.exploitationForms ?? []) as Case["exploitationForms"],
    sex: doc.sex as Case["sex"],
    birthYear: orUndefined(doc.birthYear),
    ageBand: doc.ageBand as Case["ageBand"],
    ageDisputed: doc.ageDisputed,
    ageAssessment: orUndefined(doc.ageAssessment) as Case["ageAssessment"],
    nationality: orUndefined(doc.nationality),
    identifiedOn: doc.identifiedOn,
    stage,
    allowedNextStages: [...CASE_STAGES[stage]],
    carePlacement: orUndefined(doc.carePlacement),
    needs: doc.needs,
    guardian: orUndefined(doc.guardian) as Case["guardian"],
    reflectionPeriodEndsOn: orUndefined(doc.reflectionPeriodEndsOn),
    childViews: orUndefined(doc.childViews) as Case["childViews"],
    linkedReferralId: orUndefined(doc.linkedReferralId),
    updatedAt: doc.updatedAt,
    version: doc.version,
  };
}
