import { InferSchemaType, Schema, Types } from "mongoose";
import { Competence } from "./competence.enum";
import { ContactPoint } from "./contact-point.type";

export const contactPointSchema = new Schema(
  {
    organisation: { type: String, required: true },
    unit: { type: String },
    email: { type: String, required: true },
    phone: { type: String, required: true },
    languages: { type: [String], required: true },
    address: { type: String, required: true },
    workingHours: { type: String, required: true },
    competences: { type: [String], enum: Object.values(Competence), required: true },
    // NCP-only fields
    person: { type: String },
    directPhone: { type: String },
    hotline24h: { type: String },
    secureChannel: { type: String },
    version: { type: Number, required: true, default: 1 },
  },
  { collection: "contact_points", timestamps: true, versionKey: false, strict: "throw" },
);
// The directory lists a country's contact points by organisation and unit.
contactPointSchema.index({ organisation: 1, unit: 1, _id: 1 });

export type ContactPointRecord = InferSchemaType<typeof contactPointSchema> & { _id: Types.ObjectId };

export function toContactPoint(doc: ContactPointRecord): ContactPoint {
  return {
    id: doc._id.toHexString(),
    organisation: doc.organisation,
    unit: doc.unit ?? undefined,
    email: doc.email,
    phone: doc.phone,
    languages: doc.languages,
    address: doc.address,
    workingHours: doc.workingHours,
    competences: doc.competences as Competence[],
    updatedAt: doc.updatedAt,
    version: doc.version,
    person: doc.person ?? undefined,
    directPhone: doc.directPhone ?? undefined,
    hotline24h: doc.hotline24h ?? undefined,
    secureChannel: doc.secureChannel ?? undefined,
  };
}
