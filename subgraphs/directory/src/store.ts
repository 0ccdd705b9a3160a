import { Connection } from "mongoose";
import { auditSchema } from "../../shared/src/audit/audit.model";
import { activitySchema } from "./activities/activity.model";
import { regionalEventSchema } from "./events/event.model";

/** The Children's Unit's records: regional events, the activity tracker and its own audit log. No case data. */
export function directoryModels(connection: Connection) {
  return {
    RegionalEvent: connection.model("RegionalEvent", regionalEventSchema),
    Activity: connection.model("Activity", activitySchema),
    Audit: connection.model("Audit", auditSchema),
  };
}

export type DirectoryStore = ReturnType<typeof directoryModels>;
