import { InferSchemaType, Schema, Types } from "mongoose";
import { PartnerKind, PartnerService } from "./partner.enums";
import { Partner } from "./partner.type";

export const partnerSchema = new Schema(
  {
    name: { type: String, required: true },
    kind: { type: String, enum: Object.values(PartnerKind), required: true },
    services: { type: [String], enum: Object.values(PartnerService), required: true },
    languages: { type: [String], required: true },
    regions: { type: [String], required: true },
    description: { type: String },
    website: { type: String },
    email: { type: String, required: true },
    phone: { type: String },
    // NCP-only contact
    contactPerson: { type: String },
    directPhone: { type: String },
    directEmail: { type: String },
    version: { type: Number, required: true, default: 1 },
  },
  { collection: "partners", timestamps: true, versionKey: false, strict: "throw" },
);
// The search filters by one service or one language and lists by name.
partnerSchema.index({ name: 1, _id: 1 });
partnerSchema.index({ services: 1, name: 1, _id: 1 });
partnerSchema.index({ languages: 1, name: 1, _id: 1 });

export type PartnerRecord = InferSchemaType<typeof partnerSchema> & { _id: Types.ObjectId };

export function toPartner(doc: PartnerRecord): Partner {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    kind: doc.kind as PartnerKind,
    services: doc.services as PartnerService[],
    languages: doc.languages,
    regions: doc.regions,
    description: doc.description ?? undefined,
    website: doc.website ?? undefined,
    email: doc.email,
    phone: doc.phone ?? undefined,
    contactPerson: doc.contactPerson ?? undefined,
    directPhone: doc.directPhone ?? undefined,
    directEmail: doc.directEmail ?? undefined,
    version: doc.version,
    updatedAt: doc.updatedAt,
  };
}
