import { InferSchemaType, Schema, Types } from "mongoose";
import {
  AgeAssessmentMethod,
  AgeBand,
  CaseStage,
  ExploitationForm,
  Sex,
  TargetGroup,
  ViewOnReturn,
} from "./case.enums";

/** An optional nested record: absent is null, present is validated as a whole. */
const record = (fields: Record<string, unknown>) => ({
  type: new Schema(fields, { _id: false }),
  default: null,
});

/** A child known to this country. Never leaves this store: referrals carry a minimised profile instead. */
export const caseSchema = new Schema(
  {
    targetGroups: { type: [{ type: String, enum: Object.values(TargetGroup) }], required: true },
    exploitationForms: { type: [{ type: String, enum: Object.values(ExploitationForm) }], default: [] },
    sex: { type: String, enum: Object.values(Sex), required: true },
    birthYear: { type: Number },
    ageBand: { type: String, enum: Object.values(AgeBand), required: true },
    ageDisputed: { type: Boolean, required: true, default: false },
    ageAssessment: record({
      method: { type: String, enum: Object.values(AgeAssessmentMethod), required: true },
      assessedOn: { type: Date, required: true },
      outcome: { type: String, enum: Object.values(AgeBand), required: true },
    }),
    nationality: { type: String },
    identifiedOn: { type: Date, required: true },
    stage: { type: String, enum: Object.values(CaseStage), required: true },
    carePlacement: { type: String },
    needs: { type: [String], default: [] },
    guardian: record({
      name: { type: String, required: true },
      organisation: String,
      contact: String,
      appointedOn: { type: Date, required: true },
    }),
    reflectionPeriodEndsOn: { type: Date },
    childViews: record({
      heardOn: { type: Date, required: true },
      onReturn: { type: String, enum: Object.values(ViewOnReturn), required: true },
      statement: String,
      language: { type: String, required: true },
      withInterpreter: { type: Boolean, required: true },
    }),
    // The receiving country's own case opened for a referral it accepted (docs/referrals.md).
    linkedReferralId: { type: String },
    version: { type: Number, required: true, default: 1 },
  },
  { collection: "cases", timestamps: true, versionKey: false, strict: "throw" },
);
// Statistics count a period by identification date; officers page through cases by stage, newest first;
// a receiver finds its case for a referral, and has at most one per referral.
caseSchema.index({ identifiedOn: 1 });
caseSchema.index({ stage: 1, _id: -1 });
caseSchema.index({ linkedReferralId: 1 }, { unique: true, sparse: true });

export type CaseRecord = InferSchemaType<typeof caseSchema> & { _id: Types.ObjectId };
