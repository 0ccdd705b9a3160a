import { join } from "node:path";
import { CountryEntry } from "#schema/countries";
import {
  databaseName,
  DIRECTORY_DATABASE,
  DIRECTORY_SUBGRAPH,
  mongoUriVariable,
  portPlan,
} from "#schema/registry";
import { embeddedStoreUri } from "./documentdb";
import { localDataDir, localPortBase } from "#core";

/**
 * Where a script finds a country's store: `--mongodb-uri`, else `MONGODB_URI_<CC>`, else the embedded
 * store that `npm start` runs (its login is kept in DATA_DIR, its port follows PORT_BASE).
 */
export function countryStoreUri(country: CountryEntry, explicit?: string): string {
  if (explicit) return explicit;
  const configured = process.env[mongoUriVariable(country)];
  if (configured) return configured;
  const plan = portPlan(localPortBase());
  return embeddedStoreUri(join(localDataDir(), "stores", country.code.toLowerCase()), {
    port: plan.store(country),
    database: databaseName(country),
  });
}

/** The same for the Children's Unit's directory store (`DIRECTORY_MONGODB_URI`). */
export function directoryStoreUri(explicit?: string): string {
  if (explicit) return explicit;
  const configured = process.env.DIRECTORY_MONGODB_URI;
  if (configured) return configured;
  return embeddedStoreUri(join(localDataDir(), "stores", DIRECTORY_SUBGRAPH), {
    port: portPlan(localPortBase()).directoryStore,
    database: DIRECTORY_DATABASE,
  });
}
