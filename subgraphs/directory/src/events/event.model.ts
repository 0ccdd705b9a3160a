import { InferSchemaType, Schema, Types } from "mongoose";
import { EventKind, Profession } from "./event.enums";

const participationSchema = new Schema(
  {
    country: { type: String, required: true },
    profession: { type: String, enum: Object.values(Profession), required: true },
    count: { type: Number, required: true },
  },
  { _id: false, strict: "throw" },
);

const materialSchema = new Schema(
  { title: { type: String, required: true }, url: { type: String, required: true } },
  { _id: false, strict: "throw" },
);

/** A regional event of the Children's Unit: no case data, only who took part, by country and profession. */
export const regionalEventSchema = new Schema(
  {
    kind: { type: String, enum: Object.values(EventKind), required: true },
    title: { type: String, required: true },
    topic: { type: String, required: true },
    startsOn: { type: Date, required: true },
    endsOn: { type: Date, required: true },
    place: { type: String, required: true },
    organiser: { type: String, required: true },
    planItemIds: { type: [String], required: true },
    audiences: { type: [String], enum: Object.values(Profession), required: true },
    participation: { type: [participationSchema], required: true },
    materials: { type: [materialSchema], required: true },
    version: { type: Number, required: true, default: 1 },
  },
  { collection: "regional_events", timestamps: true, versionKey: false, strict: "throw" },
);
// Listed by date, for a year, an item of the Plan or a kind.
regionalEventSchema.index({ startsOn: 1, _id: 1 });
regionalEventSchema.index({ planItemIds: 1, startsOn: 1, _id: 1 });
regionalEventSchema.index({ kind: 1, startsOn: 1, _id: 1 });

export type RegionalEventRecord = InferSchemaType<typeof regionalEventSchema> & { _id: Types.ObjectId };
