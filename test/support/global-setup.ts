import { ensureStoreBuilt } from "../../scripts/lib/documentdb";

/**
 * Before any suite: the embedded store is built (once per machine, about 5 minutes, with its progress on
 * the console), so that no suite's start-up waits on a build.
 */
export default async function globalSetup(): Promise<void> {
  await ensureStoreBuilt((line) => console.log(line));
}
