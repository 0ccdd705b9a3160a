/** The country's own cases: created at IDENTIFIED, moved only along CASE_STAGES, guarded by version. */

import { Types } from "mongoose";
import {
  BadUserInputError,
  ConflictError,
  isDuplicateKeyError,
  NotFoundError,
  StaleVersionError,
} from "#core";
import { Context } from "../../context.type";
import { ReturnGate } from "../child-move";
import { parseObjectId, parseReferralId } from "../ids";
import { newestFirst, OBJECT_IDS } from "../pagination";
import { assertTransition } from "../state-machine";
import { applyCaseCounts, caseCountChanges } from "./case-counts";
import { CASE_STAGES } from "./case-stage";
import { CaseStage, ExploitationForm, TargetGroup } from "./case.enums";
import { CaseInput, CaseUpdateInput } from "./case.input";
import { toCase } from "./case.mapper";
import { CaseRecord } from "./case.model";
import { Case, CaseConnection } from "./case.type";

/** The target groups whose children may have suffered a form of exploitation. */
const EXPLOITED: readonly TargetGroup[] = [TargetGroup.TRAFFICKED, TargetGroup.EXPLOITED_OR_AT_RISK];

/** Facts that no validator decorator can check alone: dates in the past, exploitation only where it applies. */
function checkFacts(input: CaseInput): void {
  const now = new Date();
  if (input.birthYear !== undefined && input.birthYear !== null && input.birthYear > now.getUTCFullYear()) {
    throw new BadUserInputError("cannot be in the future", "birthYear");
  }
  const dates: Array<[Date | undefined, string]> = [
    [input.identifiedOn, "identifiedOn"],
    [input.guardian?.appointedOn, "guardian.appointedOn"],
    [input.childViews?.heardOn, "childViews.heardOn"],
    [input.ageAssessment?.assessedOn, "ageAssessment.assessedOn"],
  ];
  for (const [date, field] of dates) {
    if (date && date > now) throw new BadUserInputError("cannot be in the future", field);
  }
  if (input.exploitationForms.length && !input.targetGroups.some((g) => EXPLOITED.includes(g))) {
    throw new BadUserInputError(
      `applies only to a child who is ${EXPLOITED.join(" or ")}; add the target group or leave it empty`,
      "exploitationForms",
    );
  }
}

function fieldsOf(input: CaseInput) {
  return {
    targetGroups: input.targetGroups,
    exploitationForms: input.exploitationForms as ExploitationForm[],
    sex: input.sex,
    birthYear: input.birthYear ?? null,
    ageBand: input.ageBand,
    ageDisputed: input.ageDisputed,
    ageAssessment: input.ageAssessment ? { ...input.ageAssessment } : null,
    nationality: input.nationality ?? null,
    identifiedOn: input.identifiedOn,
    carePlacement: input.carePlacement ?? null,
    needs: input.needs,
    guardian: input.guardian ? { ...input.guardian } : null,
    reflectionPeriodEndsOn: input.reflectionPeriodEndsOn ?? null,
    childViews: input.childViews ? { ...input.childViews } : null,
  };
}

/** What a case write needs from the floors above: the return gate, and the referrals this country accepted. */
export interface CaseWriteChecks {
  readonly returnGate: ReturnGate;
  /** Throws unless this country received and accepted the referral. */
  readonly assertAccepted: (ctx: Context, referralId: string) => Promise<void>;
}

export async function createCase(
  ctx: Context,
  checks: CaseWriteChecks,
  input: CaseInput,
  linkedReferralId?: string,
): Promise<Case> {
  checkFacts(input);
  if (linkedReferralId !== undefined && linkedReferralId !== null) {
    const { id } = parseReferralId(linkedReferralId, "linkedReferralId");
    await checks.assertAccepted(ctx, id);
    const existing = await ctx.store.Case.findOne({ linkedReferralId: id }).lean<CaseRecord>();
    if (existing) {
      throw new ConflictError(`Referral '${id}' already has a case here: '${existing._id.toHexString()}'.`);
    }
  }
  let created: CaseRecord;
  try {
    created = (
      await ctx.store.Case.create({
        ...fieldsOf(input),
        ...(linkedReferralId ? { linkedReferralId } : {}),
        stage: CaseStage.IDENTIFIED,
        version: 1,
      })
    ).toObject() as CaseRecord;
  } catch (error) {
    // Two officers opening the case for one referral at once: the unique index lets one through.
    if (isDuplicateKeyError(error))
      throw new ConflictError(`Referral '${linkedReferralId}' already has a case here.`);
    throw error;
  }
  await applyCaseCounts(ctx.store.CaseCount, caseCountChanges(null, created));
  return toCase(created);
}

export async function updateCase(
  ctx: Context,
  checks: CaseWriteChecks,
  id: string,
  version: number,
  input: CaseUpdateInput,
): Promise<Case> {
  checkFacts(input);
  const _id = parseObjectId(id, "id");
  const current = await ctx.store.Case.findById(_id).lean<CaseRecord>();
  if (!current) throw new NotFoundError(`No case with id '${id}'.`);
  if (current.version !== version) throw new StaleVersionError(`Case '${id}'`, version, current.version);
  if (input.stage === CaseStage.RETURNED && current.stage !== CaseStage.RETURNED) {
    // Judged on the case as this update writes it, not as it was stored.
    await checks.returnGate(ctx, {
      kind: "CASE_RETURNED",
      caseId: _id.toHexString(),
      stage: current.stage,
      safeguards: {
        ageDisputed: input.ageDisputed,
        hasGuardian: !!input.guardian,
        childViewsHeard: !!input.childViews,
        reflectionPeriodEndsOn: input.reflectionPeriodEndsOn,
      },
    });
  }
  assertTransition("The case", CASE_STAGES, current.stage as CaseStage, input.stage);
  const updated = await ctx.store.Case.findOneAndUpdate(
    { _id, version },
    { $set: { ...fieldsOf(input), stage: input.stage }, $inc: { version: 1 } },
    { new: true },
  ).lean<CaseRecord>();
  if (!updated) throw new StaleVersionError(`Case '${id}'`, version);
  await applyCaseCounts(ctx.store.CaseCount, caseCountChanges(current, updated));
  return toCase(updated);
}

export async function listCases(
  ctx: Context,
  filter: { stage?: CaseStage; linkedReferralId?: string },
  first: number,
  after: string | undefined,
): Promise<CaseConnection> {
  const query: Record<string, unknown> = {};
  if (filter.stage) query.stage = filter.stage;
  if (filter.linkedReferralId)
    query.linkedReferralId = parseReferralId(filter.linkedReferralId, "linkedReferralId").id;
  const page = await newestFirst<CaseRecord, Types.ObjectId>(ctx.store.Case, query, first, after, OBJECT_IDS);
  return { nodes: page.nodes.map(toCase), pageInfo: page.pageInfo };
}
