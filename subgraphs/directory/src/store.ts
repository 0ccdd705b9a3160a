import { Connection, Model } from "mongoose";
import { auditSchema } from "#core";

/**
 * The Children's Unit's records: regional events, the activity tracker, the witnessed audit heads and its
 * own audit log. No case data. Each module adds its models in its `<module>.parts.ts`, by declaration
 * merging, so that the frame names no module.
 */
export interface DirectoryStoreParts {}

export type DirectoryStore = DirectoryStoreParts & { Audit: Model<any> };

/** What a module adds to the directory's store and to each request. */
export interface DirectoryModuleParts {
  readonly store?: (connection: Connection) => Partial<DirectoryStoreParts>;
}

/** The directory's models on its connection: the audit log's and each module's. */
export function directoryStore(
  connection: Connection,
  modules: readonly DirectoryModuleParts[],
): DirectoryStore {
  return Object.assign(
    { Audit: connection.model("Audit", auditSchema) },
    ...modules.map((module) => module.store?.(connection) ?? {}),
  ) as DirectoryStore;
}
