import { InferSchemaType, Schema } from "mongoose";
import { Decision, SupportKind, TracingOutcome } from "./response.enums";

/** The receiver's response to a referral, held by the receiver. `_id` is the referral's global id. */
export const responseSchema = new Schema(
  {
    _id: { type: String, required: true },
    from: { type: String, required: true },
    decision: { type: String, enum: Object.values(Decision), required: true },
    declineReason: { type: String },
    assignedContactId: { type: String },
    familyTracing: { outcome: { type: String, enum: Object.values(TracingOutcome) }, summary: String },
    riskAssessment: { completedOn: Date, returnInBestInterests: Boolean, summary: String },
    returnPlan: { plannedDate: Date, receivingPlacement: String, escort: String },
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
    version: { type: Number, required: true, default: 1 },
  },
  { collection: "referral_responses", timestamps: true, versionKey: false, strict: "throw" },
);

export type ResponseRecord = InferSchemaType<typeof responseSchema> & { _id: string };
