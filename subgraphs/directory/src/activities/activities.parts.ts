import { Connection } from "mongoose";
import { DirectoryParts } from "../context.type";
import { activitySchema } from "./activity.model";

const models = (connection: Connection) => ({ Activity: connection.model("Activity", activitySchema) });

declare module "../store" {
  interface DirectoryStoreParts extends ReturnType<typeof models> {}
}

/** The tracker of the Plan's activities. */
export const activitiesParts = { store: models } satisfies DirectoryParts;
