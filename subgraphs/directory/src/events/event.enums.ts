import { registerEnumType } from "type-graphql";

export enum EventKind {
  TRAINING_SEMINAR = "TRAINING_SEMINAR",
  NCP_MEETING = "NCP_MEETING",
  NGO_MEETING = "NGO_MEETING",
  CONFERENCE = "CONFERENCE",
}
registerEnumType(EventKind, { name: "EventKind" });

/** Who a regional event is for, and how its participants are counted. */
export enum Profession {
  POLICE = "POLICE",
  BORDER_GUARD = "BORDER_GUARD",
  MIGRATION = "MIGRATION",
  SOCIAL_SERVICES = "SOCIAL_SERVICES",
  CARE_STAFF = "CARE_STAFF",
  HEALTH = "HEALTH",
  PROSECUTION_AND_JUDICIARY = "PROSECUTION_AND_JUDICIARY",
  GUARDIANS = "GUARDIANS",
  NCP = "NCP",
  NGO = "NGO",
  INTERNATIONAL_ORGANISATION = "INTERNATIONAL_ORGANISATION",
  OTHER = "OTHER",
}
registerEnumType(Profession, { name: "Profession" });
