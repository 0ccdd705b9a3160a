import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { LocalFederation } from "../../scripts/federation/federation";
import { startIdentityProviders } from "../../scripts/federation/identity-provider-process";
import { ManagedProcess } from "../../scripts/process/processes";
import { portPlan } from "#schema/registry";
import { ROOT_DIR } from "#core";
import type { TestFederations } from "./federation-environment";
import { SHARED_FEDERATION, TEST_PORT_BASE, TestFederationOptions } from "./federation-pool";

export { TEST_PORT_BASE };
/** What the test federation's processes are told (`LocalFederation.env`), for tests that sign tokens alone. */
export const TEST_ENV = { IDP_URL: `http://localhost:${portPlan(TEST_PORT_BASE).identityProvider}` };
/**
 * Where the identity providers run alone (`identityProvidersFor`): a port of their own, so that tests
 * of tokens run while a federation runs (or starts) beside them.
 */
const STANDALONE_IDP_PORT = TEST_PORT_BASE + 900;
export const STANDALONE_IDP_ENV = { IDP_URL: `http://localhost:${STANDALONE_IDP_PORT}` };

/** The run's federations, as the test environment (test/support/federation-environment.ts) hands them in. */
function federations(): TestFederations {
  const handle = (globalThis as { testFederations?: TestFederations }).testFederations;
  if (!handle) throw new Error("No test federations here: run the tests with jest.config.js's environment.");
  return handle;
}

/**
 * A federation with these settings for the suite (an embedded store per country, subgraph processes,
 * gateway, demo data), started for the first suite that asks and kept for the next ones that ask for the
 * same settings (see docs/architecture.md, "Tests"). Requires `npm run build` (npm test does it) and the
 * built store.
 */
export function useFederation(options: TestFederationOptions): () => LocalFederation {
  let federation: LocalFederation | undefined;
  beforeAll(async () => {
    federation = await federations().federationWith(options);
  }, 240_000);
  return () => {
    if (!federation) throw new Error("The federation did not start; see the beforeAll error.");
    return federation;
  };
}

/**
 * The federation most suites share. A suite that shares it works on records of its own (its own cases,
 * referrals, idempotency keys) and leaves every process running as it found it.
 */
export function useSharedFederation(): () => LocalFederation {
  return useFederation(SHARED_FEDERATION);
}

/** Stops the running federation and frees the tests' ports, for a suite that starts processes there itself. */
export function releaseFederation(): Promise<void> {
  return federations().release();
}

/**
 * The development identity providers alone (built: npm test builds first), publishing the keys of
 * `keysDir` under STANDALONE_IDP_ENV's issuers, for tests that verify tokens without a whole federation.
 * Stop it in afterAll.
 */
export function identityProvidersFor(keysDir: string): Promise<ManagedProcess> {
  mkdirSync(join(ROOT_DIR, ".test-data"), { recursive: true });
  return startIdentityProviders({
    keysDir,
    port: STANDALONE_IDP_PORT,
    redirectUris: [],
    env: STANDALONE_IDP_ENV,
    logFile: join(ROOT_DIR, ".test-data", "identity-provider.log"),
  });
}
