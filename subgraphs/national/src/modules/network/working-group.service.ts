/** The country's national working group: one record, set whole under its version, meetings appended. */

import mongoose, { Types } from "mongoose";
import {
  BadUserInputError,
  ConflictError,
  isDuplicateKeyError,
  NotFoundError,
  StaleVersionError,
} from "#core";
import { Store } from "../../store";
import { isObjectId } from "../ids";
import { WorkingGroupInput, WorkingGroupMeetingInput } from "./working-group.input";
import { WORKING_GROUP_ID, WorkingGroupRecord } from "./working-group.model";
import { WorkingGroup } from "./working-group.type";

function toWorkingGroup(doc: WorkingGroupRecord): WorkingGroup {
  return {
    name: doc.name,
    mandate: doc.mandate,
    chair: doc.chair ?? undefined,
    memberIds: doc.memberIds.map((id) => id.toHexString()),
    meetings: [...doc.meetings]
      .sort((a, b) => b.heldOn.getTime() - a.heldOn.getTime())
      .map((m) => ({
        id: m._id.toHexString(),
        heldOn: m.heldOn,
        place: m.place,
        agenda: m.agenda ?? undefined,
        decisions: m.decisions,
      })),
    version: doc.version,
    updatedAt: doc.updatedAt,
  };
}

export async function getWorkingGroup(store: Store): Promise<WorkingGroup | null> {
  const record = await store.WorkingGroup.findById(WORKING_GROUP_ID).lean<WorkingGroupRecord>();
  return record ? toWorkingGroup(record) : null;
}

/** Without a version the group is created (CONFLICT if it exists); with one, it is replaced. */
export async function setWorkingGroup(
  store: Store,
  input: WorkingGroupInput,
  version: number | undefined,
): Promise<WorkingGroup> {
  const memberIds = await members(store, input.memberIds);
  const fields = { name: input.name, mandate: input.mandate, chair: input.chair ?? null, memberIds };
  if (version === undefined) {
    try {
      const created = await store.WorkingGroup.create({
        _id: WORKING_GROUP_ID,
        ...fields,
        meetings: [],
        version: 1,
      });
      return toWorkingGroup(created.toObject() as WorkingGroupRecord);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      throw new ConflictError(
        "The national working group already exists: read it and send its version to change it.",
      );
    }
  }
  const updated = await store.WorkingGroup.findOneAndUpdate(
    { _id: WORKING_GROUP_ID, version },
    { $set: fields, $inc: { version: 1 } },
    { new: true },
  ).lean<WorkingGroupRecord>();
  if (!updated) await explainMiss(store, version);
  return toWorkingGroup(updated!);
}

export async function recordWorkingGroupMeeting(
  store: Store,
  input: WorkingGroupMeetingInput,
): Promise<WorkingGroup> {
  if (input.heldOn.getTime() > Date.now()) {
    throw new BadUserInputError(
      "a meeting is recorded once it was held; this date is in the future",
      "heldOn",
    );
  }
  const meeting = {
    heldOn: input.heldOn,
    place: input.place,
    agenda: input.agenda ?? null,
    decisions: input.decisions,
  };
  const updated = await store.WorkingGroup.findOneAndUpdate(
    { _id: WORKING_GROUP_ID },
    { $push: { meetings: meeting }, $inc: { version: 1 } },
    { new: true },
  ).lean<WorkingGroupRecord>();
  if (!updated)
    throw new NotFoundError("There is no national working group yet: create it with setWorkingGroup.");
  return toWorkingGroup(updated);
}

/** Every member must be one of the country's own partners, once. */
async function members(store: Store, given: readonly string[]): Promise<Types.ObjectId[]> {
  const invalid = given.find((id) => !isObjectId(id));
  if (invalid !== undefined) {
    throw new BadUserInputError(`'${invalid.slice(0, 40)}' is not a valid id`, "memberIds");
  }
  const ids = given.map((id) => id.toLowerCase());
  if (new Set(ids).size !== ids.length) throw new BadUserInputError("must not repeat a member", "memberIds");
  const objectIds = ids.map((id) => new Types.ObjectId(id));
  const found = await store.Partner.find({ _id: mongoose.trusted({ $in: objectIds }) }, { _id: 1 }).lean<
    Array<{ _id: Types.ObjectId }>
  >();
  const known = new Set(found.map((p) => p._id.toHexString()));
  const missing = ids.find((id) => !known.has(id));
  if (missing !== undefined) {
    throw new BadUserInputError(
      `'${missing}' is not one of this country's partners; add the partner first`,
      "memberIds",
    );
  }
  return objectIds;
}

async function explainMiss(store: Store, version: number): Promise<never> {
  const current = await store.WorkingGroup.findById(WORKING_GROUP_ID, { version: 1 }).lean<{
    version: number;
  }>();
  if (!current)
    throw new NotFoundError("There is no national working group yet: create it without a version.");
  throw new StaleVersionError("The national working group", version, current.version);
}
