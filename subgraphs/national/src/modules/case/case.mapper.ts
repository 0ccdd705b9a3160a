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
