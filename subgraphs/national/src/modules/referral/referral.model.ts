import { InferSchemaType, Schema, Types } from "mongoose";
import { PROFILE_FIELDS } from "./child-profile.rules";
import { ReferralPurpose, ReferralStatus, Urgency } from "./referral.enums";

const historySchema = new Schema(
  {
    at: { type: Date, required: true },
    status: { type: String, required: true },
    by: { type: String, required: true },
    note: String,
  },
  { _id: false },
);

/** A referral, held by its sender. `_id` is the global id, e.g. `SE-2026-1KBX3Z5QA-7H2M9WQP` (`ids.ts`). */
export const referralSchema = new Schema(
  {
    _id: { type: String, required: true },
    caseId: { type: Schema.Types.ObjectId, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    purpose: { type: String, enum: Object.values(ReferralPurpose), required: true },
    urgency: { type: String, enum: Object.values(Urgency), required: true },
    profile: { type: Object, required: true },
    status: { type: String, enum: Object.values(ReferralStatus), required: true },
    sentAt: { type: Date, required: true },
    // When the child was identified, as known when the referral was sent: the statistics time a referral
    // from it without reading the case.
    caseIdentifiedOn: { type: Date },
    acknowledgementDueAt: { type: Date, required: true },
    // Fixed when sent, like the acknowledgement (docs/referrals.md, "Deadlines").
    decisionDueAt: { type: Date },
    riskAssessmentDueAt: { type: Date },
    history: { type: [historySchema], default: [] },
    // Retention (docs/referrals.md): when the referral was withdrawn or closed, and when and why its
    // profile was erased; pending until the receiver confirms it erased its copies too.
    endedAt: { type: Date },
    erasedAt: { type: Date },
    erasureReason: { type: String },
    receiverErasurePending: { type: Boolean },
    idempotencyKey: { type: String, required: true },
    payloadHash: { type: String, required: true },
    version: { type: Number, required: true, default: 1 },
  },
  { collection: "referrals", timestamps: true, versionKey: false, strict: "throw" },
);
referralSchema.index({ idempotencyKey: 1 }, { unique: true });
// Listings filter by receiver and status, newest first (ids grow with time); statistics count by date sent.
referralSchema.index({ to: 1, _id: -1 });
referralSchema.index({ status: 1, _id: -1 });
referralSchema.index({ to: 1, status: 1, _id: -1 });
referralSchema.index({ sentAt: 1 });
// The return gate finds a case's referrals; retention finds referrals ended long ago, and erasures the
// receiver has not yet confirmed.
referralSchema.index({ caseId: 1, _id: -1 });
referralSchema.index({ endedAt: 1 });
referralSchema.index({ receiverErasurePending: 1 });

export type ReferralRecord = Omit<InferSchemaType<typeof referralSchema>, "profile"> & {
  _id: string;
  caseId: Types.ObjectId;
  profile: Partial<Record<(typeof PROFILE_FIELDS)[number], unknown>>;
};
