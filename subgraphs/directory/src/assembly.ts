import { Connection } from "mongoose";
import { checkPartsMake, PartsMake } from "#core";
import { activitiesParts } from "./activities/activities.parts";
import { DirectoryLoaders, DirectoryParts } from "./context.type";
import { eventsParts } from "./events/events.parts";
import { DirectoryStore, directoryStore, DirectoryStoreParts } from "./store";

/** The modules' parts of the directory's store and of each request (`<module>.parts.ts`), assembled. */
const PARTS = [eventsParts, activitiesParts] as const;

// Every model and loader a module declares (by declaration merging) is made by a module listed here.
checkPartsMake<DirectoryStoreParts, PartsMake<typeof PARTS, "store">>();
checkPartsMake<DirectoryLoaders, PartsMake<typeof PARTS, "loaders">>();

export const DIRECTORY_PARTS: readonly DirectoryParts[] = PARTS;

/** The directory's models on a connection, as the subgraph binds them (scripts and tests use it too). */
export const directoryModels = (connection: Connection): DirectoryStore =>
  directoryStore(connection, DIRECTORY_PARTS);
