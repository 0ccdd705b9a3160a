import { Connection } from "mongoose";
import { DirectoryParts } from "../context.type";
import { DirectoryStore } from "../store";
import { regionalEventSchema } from "./event.model";
import { eventsOfItemLoader } from "./event.service";

const models = (connection: Connection) => ({
  RegionalEvent: connection.model("RegionalEvent", regionalEventSchema),
});

const loaders = (store: DirectoryStore) => ({
  /** The events that served a plan item (`<year>|<item>`), batched for the request's items. */
  eventsOfItem: eventsOfItemLoader(store),
});

declare module "../store" {
  interface DirectoryStoreParts extends ReturnType<typeof models> {}
}
declare module "../context.type" {
  interface DirectoryLoaders extends ReturnType<typeof loaders> {}
}

/** Regional events (meetings, seminars, training) the Children's Unit records. */
export const eventsParts = { store: models, loaders } satisfies DirectoryParts;
