import { InferSchemaType, Schema, Types } from "mongoose";
import { ActivityNoteKind, ActivityStatus } from "./activity.enums";

const noteSchema = new Schema(
  {
    kind: { type: String, enum: Object.values(ActivityNoteKind), required: true },
    writtenOn: { type: Date, required: true },
    text: { type: String, required: true },
    writtenBy: { type: String, required: true },
  },
  { strict: "throw" },
);

/** The tracker's record of one item of the Plan (`_id` is the item id); absent until first touched. */
export const activitySchema = new Schema(
  {
    _id: { type: String, required: true },
    status: { type: String, enum: Object.values(ActivityStatus), required: true },
    owner: { type: String, required: true },
    notes: { type: [noteSchema], required: true },
    version: { type: Number, required: true },
  },
  { collection: "plan_activities", timestamps: true, versionKey: false, strict: "throw" },
);

export type ActivityRecord = InferSchemaType<typeof activitySchema> & {
  _id: string;
  notes: Array<{ _id: Types.ObjectId; kind: string; writtenOn: Date; text: string }>;
};
