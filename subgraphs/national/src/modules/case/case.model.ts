import { InferSchemaType, Schema, Types } from "mongoose";
import { AgeBand, CaseStage, Sex, TargetGroup } from "./case.enums";

/** A child known to this country. Never leaves this store: referrals carry a minimised profile instead. */
export const caseSchema = new Schema(
  {
    targetGroup: { type: String, enum: Object.values(TargetGroup), required: true },
    sex: { type: String, enum: Object.values(Sex), required: true },
    birthYear: { type: Number },
    ageBand: { type: String, enum: Object.values(AgeBand), required: true },
    ageDisputed: { type: Boolean, required: true, default: false },
    nationality: { type: String },
    identifiedOn: { type: Date, required: true },
    stage: { type: String, enum: Object.values(CaseStage), required: true },
    carePlacement: { type: String },
    needs: { type: [String], default: [] },
    guardianAppointedOn: { type: Date },
    reflectionPeriodEndsOn: { type: Date },
    childViewsRecordedOn: { type: Date },
    version: { type: Number, required: true, default: 1 },
  },
  { collection: "cases", timestamps: true, versionKey: false, strict: "throw" },
);
// Statistics count a period by identification date; officers page through cases by stage, newest first.
caseSchema.index({ identifiedOn: 1 });
caseSchema.index({ stage: 1, _id: -1 });

export type CaseRecord = InferSchemaType<typeof caseSchema> & { _id: Types.ObjectId };
