// scripts/national-system/: a national system's side of the federation, used by the example client
// (scripts/national-system-client.ts). This file reads the documented operations (docs/operations);
// operation-types.ts generates their TypeScript types into operations.generated.ts; proof-key.ts is the
// holder's proof-of-possession (DPoP) key.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT_DIR } from "#core";

/** The documented operations of national systems (docs/operations), by file. */
export const OPERATIONS_DIR = "docs/operations";
export async function operationFiles(): Promise<Array<{ location: string; text: string }>> {
  const names = (await readdir(join(ROOT_DIR, OPERATIONS_DIR))).filter((f) => f.endsWith(".graphql")).sort();
  return Promise.all(
    names.map(async (name) => ({
      location: `${OPERATIONS_DIR}/${name}`,
      text: await readFile(join(ROOT_DIR, OPERATIONS_DIR, name), "utf8"),
    })),
  );
}
