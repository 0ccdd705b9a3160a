import { registerEnumType } from "type-graphql";

export enum PartnerKind {
  NGO = "NGO",
  INTERNATIONAL_ORGANISATION = "INTERNATIONAL_ORGANISATION",
  GOVERNMENT_AGENCY = "GOVERNMENT_AGENCY",
  LOCAL_AUTHORITY = "LOCAL_AUTHORITY",
}
registerEnumType(PartnerKind, { name: "PartnerKind" });

/** What a partner offers children and the NCPs; the partner search filters by one of these. */
export enum PartnerService {
  SHELTER = "SHELTER",
  LEGAL_AID = "LEGAL_AID",
  PSYCHOLOGICAL_SUPPORT = "PSYCHOLOGICAL_SUPPORT",
  MEDICAL_CARE = "MEDICAL_CARE",
  FAMILY_TRACING = "FAMILY_TRACING",
  EDUCATION_AND_TRAINING = "EDUCATION_AND_TRAINING",
  INTERPRETATION = "INTERPRETATION",
  GUARDIANSHIP = "GUARDIANSHIP",
  OUTREACH = "OUTREACH",
  HELPLINE = "HELPLINE",
  RETURN_AND_REINTEGRATION = "RETURN_AND_REINTEGRATION",
  PREVENTION = "PREVENTION",
}
registerEnumType(PartnerService, { name: "PartnerService" });
