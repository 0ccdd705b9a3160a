import { registerEnumType } from "type-graphql";

export enum ActivityStatus {
  NOT_STARTED = "NOT_STARTED",
  IN_PROGRESS = "IN_PROGRESS",
  ONGOING = "ONGOING",
  COMPLETED = "COMPLETED",
  STALLED = "STALLED",
}
registerEnumType(ActivityStatus, {
  name: "ActivityStatus",
  valuesConfig: {
    ONGOING: { description: "A standing task that is being carried out (e.g. keeping the NCP list public)" },
    STALLED: { description: "Started but not moving; the report lists it among the gaps" },
  },
});

/** What the RFP writes down about an item: what was done, what is missing, what it suggests. */
export enum ActivityNoteKind {
  PROGRESS = "PROGRESS",
  GAP = "GAP",
  SUGGESTION = "SUGGESTION",
}
registerEnumType(ActivityNoteKind, { name: "ActivityNoteKind" });
