import { InferSchemaType, Schema, Types } from "mongoose";

/** One message of a referral's conversation, held by the country that wrote it. */
export const messageSchema = new Schema(
  {
    referralId: { type: String, required: true },
    // The referral's two parties: who may read it.
    sender: { type: String, required: true },
    receiver: { type: String, required: true },
    writtenBy: { type: String, required: true },
    /** The principal who wrote it (token subject). */
    author: { type: String, required: true },
    body: { type: String, required: true },
    answerTo: { type: Schema.Types.ObjectId },
    idempotencyKey: { type: String, required: true },
    payloadHash: { type: String, required: true },
  },
  {
    collection: "referral_messages",
    timestamps: { createdAt: "sentAt", updatedAt: false },
    versionKey: false,
    strict: "throw",
  },
);
messageSchema.index({ idempotencyKey: 1 }, { unique: true });
messageSchema.index({ referralId: 1, sentAt: 1 });

export type MessageRecord = InferSchemaType<typeof messageSchema> & { _id: Types.ObjectId; sentAt: Date };
