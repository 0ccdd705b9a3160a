import { InferSchemaType, Schema } from "mongoose";
import { Decision, SupportKind, TracingOutcome } from "./response.enums";

/** An optional nested record: absent is null, present is validated as a whole. */
const sub = (fields: Record<string, unknown>) => ({
  type: new Schema(fields, { _id: false }),
  default: null,
});

/** The receiver's response to a referral, held by the receiver. `_id` is the referral's global id. */
export const responseSchema = new Schema(
  {
    _id: { type: String, required: true },
    from: { type: String, required: true },
    decision: { type: String, enum: Object.values(Decision), required: true },
    declineReason: { type: String },
    assignedContactId: { type: String },
    familyTracing: sub({
      outcome: { type: String, enum: Object.values(TracingOutcome), required: true },
      summary: String,
    }),
    riskAssessment: sub({
      completedOn: { type: Date, required: true },
      returnInBestInterests: { type: Boolean, required: true },
      summary: String,
    }),
    returnPlan: sub({
      plannedDate: { type: Date, required: true },
      receivingPlacement: String,
      escort: String,
    }),
    reintegrationSupport: {
      type: [
        new Schema(
          {
            kind: { type: String, enum: Object.values(SupportKind), required: true },
            description: String,
            startedOn: Date,
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    firstRespondedAt: { type: Date, required: true },
    // For the regional statistics: when the sender sent it, and when it was first accepted.
    referralSentAt: { type: Date },
    acceptedAt: { type: Date },
    // When the decision became final (ACCEPTED or DECLINED): the decision deadline is met then.
    decidedAt: { type: Date },
    // When its free text was erased, following the sender's erasure of the referral's profile.
    erasedAt: { type: Date },
    version: { type: Number, required: true, default: 1 },
  },
  { collection: "referral_responses", timestamps: true, versionKey: false, strict: "throw" },
);
// Statistics count a period by date of first answer and of the risk assessment.
responseSchema.index({ firstRespondedAt: 1 });
responseSchema.index({ "riskAssessment.completedOn": 1 });

export type ResponseRecord = InferSchemaType<typeof responseSchema> & { _id: string };
