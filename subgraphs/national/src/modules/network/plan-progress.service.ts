import mongoose from "mongoose";
import { findPlanItem } from "../../../../../schema/plan-of-action";
import { BadUserInputError } from "../../../../shared/src/errors";
import { Context } from "../../context.type";
import { PlanProgressRecord } from "./plan-progress.model";
import { ProgressNote, ProgressNoteInput } from "./plan-progress.type";

const MAX_NOTES = 500;

function toNote(doc: PlanProgressRecord): ProgressNote {
  return { id: doc._id.toHexString(), itemId: doc.itemId, reportedOn: doc.reportedOn, text: doc.text };
}

export function assertPlanItem(itemId: string, field: string): void {
  if (!findPlanItem(itemId)) {
    throw new BadUserInputError(
      `'${itemId.slice(0, 20)}' is not an item of the Plan of Action, such as II.6`,
      field,
    );
  }
}

export function assertYear(year: number | undefined): void {
  if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100)) {
    throw new BadUserInputError("must be a year between 2000 and 2100", "year");
  }
}

/** The country's progress notes, held in its own store; the RFP reads them through the gateway. */
export async function planProgress(
  ctx: Context,
  filter: { year?: number; itemId?: string },
): Promise<ProgressNote[]> {
  assertYear(filter.year);
  if (filter.itemId !== undefined) assertPlanItem(filter.itemId, "itemId");
  const query: Record<string, unknown> = {};
  if (filter.itemId) query.itemId = filter.itemId;
  if (filter.year !== undefined) {
    query.reportedOn = mongoose.trusted({
      $gte: new Date(Date.UTC(filter.year, 0, 1)),
      $lt: new Date(Date.UTC(filter.year + 1, 0, 1)),
    });
  }
  const records = await ctx.store.PlanProgress.find(query)
    .sort({ reportedOn: -1, _id: -1 })
    .limit(MAX_NOTES)
    .lean<PlanProgressRecord[]>();
  return records.map(toNote);
}

export async function reportPlanProgress(ctx: Context, input: ProgressNoteInput): Promise<ProgressNote> {
  assertPlanItem(input.itemId, "itemId");
  if (input.reportedOn.getTime() > Date.now()) {
    throw new BadUserInputError("progress is reported once made; this date is in the future", "reportedOn");
  }
  const created = await ctx.store.PlanProgress.create({
    itemId: input.itemId,
    reportedOn: input.reportedOn,
    text: input.text,
    reportedBy: ctx.principal().subject,
  });
  return toNote(created.toObject() as PlanProgressRecord);
}
