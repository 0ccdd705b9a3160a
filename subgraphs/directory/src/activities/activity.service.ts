/** The activity tracker: the Plan's items (data) with the status and notes the RFP keeps in its store. */

import { findCountry } from "#schema/registry";
import { findPlanItem, PLAN_OF_ACTION, PlanItem } from "#schema/plan-of-action";
import { BadUserInputError, isDuplicateKeyError, planItemOrRefuse, StaleVersionError } from "#core";
import { DirectoryStore } from "../store";
import { ActivityNoteKind, ActivityStatus } from "./activity.enums";
import { ActivityRecord } from "./activity.model";
import { Activity, ActivityNoteInput, PlanOfActionView } from "./activity.type";

function toActivity(item: PlanItem, record: ActivityRecord | undefined): Activity {
  return {
    id: item.id,
    title: item.title,
    owner: record?.owner ?? item.owner,
    status: (record?.status as ActivityStatus) ?? ActivityStatus.NOT_STARTED,
    allNotes: (record?.notes ?? [])
      .map((n) => ({
        id: n._id.toHexString(),
        kind: n.kind as ActivityNoteKind,
        writtenOn: n.writtenOn,
        text: n.text,
      }))
      .sort((a, b) => b.writtenOn.getTime() - a.writtenOn.getTime()),
    version: record?.version ?? 0,
  };
}

/** RFP, COUNTRIES or a country of the registry. */
function parseOwner(owner: string): string {
  const value = owner.trim().toUpperCase();
  if (value === "RFP" || value === "COUNTRIES" || findCountry(value)) return value;
  throw new BadUserInputError(
    `'${owner.slice(0, 20)}' is not an owner: use RFP, COUNTRIES or a country code such as LV`,
    "owner",
  );
}

export async function planOfAction(store: DirectoryStore): Promise<PlanOfActionView> {
  const records = await store.Activity.find().lean<ActivityRecord[]>();
  const byId = new Map(records.map((r) => [r._id, r]));
  return {
    title: PLAN_OF_ACTION.title,
    source: PLAN_OF_ACTION.source,
    sections: PLAN_OF_ACTION.sections.map((section) => ({
      number: section.number,
      title: section.title,
      items: section.items.map((item) => toActivity(item, byId.get(item.id))),
    })),
  };
}

export async function getActivity(store: DirectoryStore, id: string): Promise<Activity | null> {
  const item = findPlanItem(id);
  if (!item) return null;
  const record = await store.Activity.findById(item.id).lean<ActivityRecord>();
  return toActivity(item, record ?? undefined);
}

/**
 * Sets the status (and owner) under the item's version; 0 for an item whose status was never set. Notes
 * do not change the version: they are appended, and never conflict with a status change.
 */
export async function setActivityStatus(
  store: DirectoryStore,
  itemId: string,
  status: ActivityStatus,
  owner: string | undefined,
  version: number,
): Promise<Activity> {
  const item = planItemOrRefuse(itemId, "itemId");
  const fields = { status, ...(owner !== undefined ? { owner: parseOwner(owner) } : {}) };
  let record: ActivityRecord | null = null;
  try {
    // Version 0 may find no record yet: it is then created, with the item's default owner and no notes.
    record = await store.Activity.findOneAndUpdate(
      { _id: item.id, version },
      {
        $set: fields,
        $inc: { version: 1 },
        $setOnInsert: { notes: [], ...(owner === undefined ? { owner: item.owner } : {}) },
      },
      { new: true, upsert: version === 0 },
    ).lean<ActivityRecord>();
  } catch (error) {
    // The record exists at another version than 0.
    if (!isDuplicateKeyError(error)) throw error;
  }
  if (record) return toActivity(item, record);
  const current = await store.Activity.findById(item.id, { version: 1 }).lean<{ version: number }>();
  throw new StaleVersionError(`Activity ${item.id}`, version, current?.version ?? 0);
}

/** Notes are appended, never edited: the tracker is a record of what was known when. */
export async function addActivityNote(
  store: DirectoryStore,
  itemId: string,
  input: ActivityNoteInput,
  writtenBy: string,
): Promise<Activity> {
  const item = planItemOrRefuse(itemId, "itemId");
  if (input.writtenOn.getTime() > Date.now()) {
    throw new BadUserInputError(
      "a note is dated the day it is written; this date is in the future",
      "writtenOn",
    );
  }
  const note = { kind: input.kind, writtenOn: input.writtenOn, text: input.text, writtenBy };
  const record = await store.Activity.findOneAndUpdate(
    { _id: item.id },
    {
      $setOnInsert: { status: ActivityStatus.NOT_STARTED, owner: item.owner, version: 0 },
      $push: { notes: note },
    },
    { new: true, upsert: true },
  ).lean<ActivityRecord>();
  return toActivity(item, record!);
}
