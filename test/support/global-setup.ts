import type { Config } from "@jest/types";
import { ensureStoreBuilt } from "../../scripts/store/documentdb";
import { ensurePackages, TEST_PACKAGES } from "../../scripts/store/system-packages";
import { federationWith, SHARED_FEDERATION } from "./federation-pool";

/**
 * Before any suite: the tests' Debian packages are installed and the embedded store is built (once per
 * machine, about 5 minutes, with its progress on the console), so that no suite's start-up waits on either.
 * On a run of the whole suite, the shared federation then starts while the unit tests run.
 */
export default async function globalSetup(config: Config.GlobalConfig): Promise<void> {
  const log = (line: string) => console.log(line);
  ensurePackages(TEST_PACKAGES, "the tests (Chromium, pdftotext, docker-compose's validation)", log);
  await ensureStoreBuilt(log);
  const wholeRun = !config.testPathPattern && !config.testNamePattern && !config.onlyChanged;
  // Not awaited: the first suite that shares it waits for it, and meets its failure if it failed.
  if (wholeRun) federationWith(SHARED_FEDERATION).catch(() => undefined);
}
