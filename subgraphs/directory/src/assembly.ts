import { Connection } from "mongoose";
import { activitiesParts } from "./activities/activities.parts";
import { DirectoryParts } from "./context.type";
import { eventsParts } from "./events/events.parts";
import { DirectoryStore, directoryStore } from "./store";

/** The modules' parts of the directory's store and of each request (`<module>.parts.ts`), assembled. */
export const DIRECTORY_PARTS: readonly DirectoryParts[] = [eventsParts, activitiesParts];

/** The directory's models on a connection, as the subgraph binds them (scripts and tests use it too). */
export const directoryModels = (connection: Connection): DirectoryStore =>
  directoryStore(connection, DIRECTORY_PARTS);
