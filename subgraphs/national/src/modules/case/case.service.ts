import { Types } from "mongoose";
import { BadUserInputError, NotFoundError, StaleVersionError } from "../../../../shared/src/errors";
import { Store } from "../../store";
import { parseObjectId } from "../ids";
import { toCase } from "./case.mapper";
import { newestFirst, OBJECT_IDS } from "../pagination";
import { applyCaseCounts, caseCountChanges } from "./case-counts";
import { assertTransition } from "../state-machine";
import { CASE_STAGES } from "./case-stage";
import { CaseStage } from "./case.enums";
import { CaseInput, CaseUpdateInput } from "./case.input";
import { CaseRecord } from "./case.model";
import { Case, CaseConnection } from "./case.type";

/** Facts that no validator decorator can check alone: dates in the past, birth year not in the future. */
function checkFacts(input: CaseInput): void {
  const now = new Date();
  if (input.birthYear !== undefined && input.birthYear !== null && input.birthYear > now.getUTCFullYear()) {
    throw new BadUserInputError("cannot be in the future", "birthYear");
  }
  if (input.identifiedOn > now) throw new BadUserInputError("cannot be in the future", "identifiedOn");
}

function fieldsOf(input: CaseInput) {
  return {
    targetGroup: input.targetGroup,
    sex: input.sex,
    birthYear: input.birthYear ?? null,
    ageBand: input.ageBand,
    ageDisputed: input.ageDisputed,
    nationality: input.nationality ?? null,
    identifiedOn: input.identifiedOn,
    carePlacement: input.carePlacement ?? null,
    needs: input.needs,
    guardianAppointedOn: input.guardianAppointedOn ?? null,
    reflectionPeriodEndsOn: input.reflectionPeriodEndsOn ?? null,
    childViewsRecordedOn: input.childViewsRecordedOn ?? null,
  };
}

/** The country's own cases: created at IDENTIFIED, moved only along CASE_STAGES, guarded by version. */
export class CaseService {
  constructor(private readonly store: Store) {}

  async create(input: CaseInput): Promise<Case> {
    checkFacts(input);
    const created = (
      await this.store.Case.create({ ...fieldsOf(input), stage: CaseStage.IDENTIFIED, version: 1 })
    ).toObject() as CaseRecord;
    await applyCaseCounts(this.store.CaseCount, caseCountChanges(null, created));
    return toCase(created);
  }

  async update(id: string, version: number, input: CaseUpdateInput): Promise<Case> {
    checkFacts(input);
    const _id = parseObjectId(id, "id");
    const current = await this.store.Case.findById(_id).lean<CaseRecord>();
    if (!current) throw new NotFoundError(`No case with id '${id}'.`);
    if (current.version !== version) throw new StaleVersionError(`Case '${id}'`, version, current.version);
    assertTransition("The case", CASE_STAGES, current.stage as CaseStage, input.stage);
    const updated = await this.store.Case.findOneAndUpdate(
      { _id, version },
      { $set: { ...fieldsOf(input), stage: input.stage }, $inc: { version: 1 } },
      { new: true },
    ).lean<CaseRecord>();
    if (!updated) throw new StaleVersionError(`Case '${id}'`, version);
    await applyCaseCounts(this.store.CaseCount, caseCountChanges(current, updated));
    return toCase(updated);
  }

  async list(
    stage: CaseStage | undefined,
    first: number,
    after: string | undefined,
  ): Promise<CaseConnection> {
    const page = await newestFirst<CaseRecord, Types.ObjectId>(
      this.store.Case,
      stage ? { stage } : {},
      first,
      after,
      OBJECT_IDS,
    );
    return { nodes: page.nodes.map(toCase), pageInfo: page.pageInfo };
  }
}
