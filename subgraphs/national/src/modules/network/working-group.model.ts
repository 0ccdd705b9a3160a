import { InferSchemaType, Schema, Types } from "mongoose";

/** The one national working group of the country (`_id` is always `WORKING_GROUP_ID`). */
export const WORKING_GROUP_ID = "national-working-group";

const meetingSchema = new Schema(
  {
    heldOn: { type: Date, required: true },
    place: { type: String, required: true },
    agenda: { type: String },
    decisions: { type: [String], required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, strict: "throw" },
);

export const workingGroupSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    mandate: { type: String, required: true },
    chair: { type: String },
    memberIds: { type: [Schema.Types.ObjectId], required: true },
    meetings: { type: [meetingSchema], required: true },
    version: { type: Number, required: true, default: 1 },
  },
  { collection: "working_group", timestamps: true, versionKey: false, strict: "throw" },
);
// A partner leaving the network leaves the group too.
workingGroupSchema.index({ memberIds: 1 });

export type WorkingGroupRecord = InferSchemaType<typeof workingGroupSchema> & {
  _id: string;
  memberIds: Types.ObjectId[];
  meetings: Array<{
    _id: Types.ObjectId;
    heldOn: Date;
    place: string;
    agenda?: string | null;
    decisions: string[];
  }>;
};
