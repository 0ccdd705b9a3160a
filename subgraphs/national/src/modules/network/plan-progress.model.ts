import { InferSchemaType, Schema, Types } from "mongoose";

/** A country's note on its national progress on one item of the Plan of Action. */
export const planProgressSchema = new Schema(
  {
    itemId: { type: String, required: true },
    reportedOn: { type: Date, required: true },
    text: { type: String, required: true },
    reportedBy: { type: String, required: true },
  },
  {
    collection: "plan_progress",
    timestamps: { createdAt: true, updatedAt: false },
    versionKey: false,
    strict: "throw",
  },
);
// Listed newest first, for a year and optionally one item.
planProgressSchema.index({ reportedOn: -1, _id: -1 });
planProgressSchema.index({ itemId: 1, reportedOn: -1, _id: -1 });

export type PlanProgressRecord = InferSchemaType<typeof planProgressSchema> & { _id: Types.ObjectId };
