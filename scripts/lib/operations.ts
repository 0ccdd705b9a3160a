import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT_DIR } from "./paths";

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
