import { ensureStoreBuilt } from "../../scripts/lib/documentdb";
import { ensurePackages, TEST_PACKAGES } from "../../scripts/lib/system-packages";

/**
 * Before any suite: the tests' Debian packages are installed and the embedded store is built (once per
 * machine, about 5 minutes, with its progress on the console), so that no suite's start-up waits on either.
 */
export default async function globalSetup(): Promise<void> {
  const log = (line: string) => console.log(line);
  ensurePackages(TEST_PACKAGES, "the tests (Chromium, pdftotext, docker-compose's validation)", log);
  await ensureStoreBuilt(log);
}
