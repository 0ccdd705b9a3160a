import { registerEnumType } from "type-graphql";

/** What happened, as recorded by the country that acted. Events are never edited; a CORRECTION follows instead. */
export enum ReturnEventKind {
  HANDED_OVER = "HANDED_OVER",
  RECEIVED = "RECEIVED",
  PLACED = "PLACED",
  SUPPORT_STARTED = "SUPPORT_STARTED",
  FOLLOW_UP_3_MONTHS = "FOLLOW_UP_3_MONTHS",
  FOLLOW_UP_6_MONTHS = "FOLLOW_UP_6_MONTHS",
  FOLLOW_UP_12_MONTHS = "FOLLOW_UP_12_MONTHS",
  CORRECTION = "CORRECTION",
}

registerEnumType(ReturnEventKind, { name: "ReturnEventKind" });
