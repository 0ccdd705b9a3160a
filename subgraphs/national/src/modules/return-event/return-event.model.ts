import { InferSchemaType, Schema, Types } from "mongoose";
import { ReturnEventKind } from "./return-event.enums";

/** An append-only timeline entry, held by the country that recorded it. */
export const returnEventSchema = new Schema(
  {
    referralId: { type: String, required: true },
    sender: { type: String, required: true },
    receiver: { type: String, required: true },
    recordedBy: { type: String, required: true },
    kind: { type: String, enum: Object.values(ReturnEventKind), required: true },
    occurredAt: { type: Date, required: true },
    notes: { type: String },
    corrects: { type: Schema.Types.ObjectId },
    idempotencyKey: { type: String, required: true },
    payloadHash: { type: String, required: true },
  },
  {
    collection: "return_events",
    timestamps: { createdAt: "recordedAt", updatedAt: false },
    versionKey: false,
    strict: "throw",
  },
);
returnEventSchema.index({ idempotencyKey: 1 }, { unique: true });
returnEventSchema.index({ referralId: 1, occurredAt: 1 });
// Statistics count this country's own steps of a period.
returnEventSchema.index({ recordedBy: 1, occurredAt: 1 });

export type ReturnEventRecord = InferSchemaType<typeof returnEventSchema> & { _id: Types.ObjectId };
