import { InferSchemaType, Schema } from "mongoose";

export const AUDIT_OUTCOMES = ["ALLOWED", "REFUSED", "SUCCEEDED", "FAILED"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * One entry of a country's tamper-evident audit log. `_id` is the sequence number: unique, so two
 * concurrent appends can never both claim the same place and fork the chain.
 */
export const auditSchema = new Schema(
  {
    _id: { type: Number, required: true },
    at: { type: Date, required: true },
    issuer: { type: String },
    subject: { type: String, required: true },
    country: { type: String },
    role: { type: String },
    operation: { type: String, required: true },
    policy: { type: String, required: true },
    recordIds: { type: [String], default: [] },
    purpose: { type: String },
    outcome: { type: String, enum: AUDIT_OUTCOMES, required: true },
    reason: { type: String },
    /** Refusals without a valid token counted into this one entry (refusal-tally.ts); absent: one access. */
    count: { type: Number },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { collection: "audit_log", versionKey: false, strict: "throw" },
);
// The audit trail is read newest first (by sequence number), optionally filtered by one of these.
auditSchema.index({ outcome: 1, _id: -1 });
auditSchema.index({ country: 1, _id: -1 });
auditSchema.index({ policy: 1, _id: -1 });

export type AuditRecord = InferSchemaType<typeof auditSchema> & { _id: number };
