import mongoose from "mongoose";
import { assertYear, BadUserInputError, planItemOrRefuse, yearRange } from "#core";
import { Context } from "../../context.type";
import { PlanProgressRecord } from "./plan-progress.model";
import { ProgressNote, ProgressNoteInput } from "./plan-progress.type";

const MAX_NOTES = 500;

function toNote(doc: PlanProgressRecord): ProgressNote {
  return { id: doc._id.toHexString(), itemId: doc.itemId, reportedOn: doc.reportedOn, text: doc.text };
}

/** The country's progress notes, held in its own store; the RFP reads them through the gateway. */
export async function planProgress(
  ctx: Context,
  filter: { year?: number; itemId?: string },
): Promise<ProgressNote[]> {
  assertYear(filter.year);
  const query: Record<string, unknown> = {};
  if (filter.itemId != null) query.itemId = planItemOrRefuse(filter.itemId, "itemId").id;
  if (filter.year != null) query.reportedOn = mongoose.trusted(yearRange(filter.year));
  const records = await ctx.store.PlanProgress.find(query)
    .sort({ reportedOn: -1, _id: -1 })
    .limit(MAX_NOTES)
    .lean<PlanProgressRecord[]>();
  return records.map(toNote);
}

export async function reportPlanProgress(ctx: Context, input: ProgressNoteInput): Promise<ProgressNote> {
  if (input.reportedOn.getTime() > Date.now()) {
    throw new BadUserInputError("progress is reported once made; this date is in the future", "reportedOn");
  }
  const created = await ctx.store.PlanProgress.create({
    itemId: input.itemId,
    reportedOn: input.reportedOn,
    text: input.text,
    reportedBy: ctx.principal().subject,
  });
  ctx.audit.nameCreated(created._id.toHexString());
  return toNote(created.toObject() as PlanProgressRecord);
}
