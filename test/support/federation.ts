import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { FederationOptions, LocalFederation } from "../../scripts/lib/federation";
import { spawnIdentityProviders } from "../../scripts/lib/identity-provider-process";
import { ManagedProcess } from "../../scripts/lib/processes";
import { portPlan } from "../../schema/registry";
import { ROOT_DIR } from "../../subgraphs/shared/src/paths";

/** Loopback ports of the test federation: away from `npm start`'s 4000, so both can run at once. */
export const TEST_PORT_BASE = 14000;
/** What the test federation's processes are told (`LocalFederation.env`), for tests that sign tokens alone. */
export const TEST_ENV = { IDP_URL: `http://localhost:${portPlan(TEST_PORT_BASE).identityProvider}` };

/**
 * Starts the real federation (an embedded store per country, subgraph processes, gateway) in a fresh data
 * folder for one test file, and stops it and removes the folder afterwards. Requires `npm run build` (npm
 * test does it) and the built store (built on first use, once per machine).
 */
export function useFederation(
  options: Pick<FederationOptions, "nationalEnv" | "directoryEnv" | "env" | "storeSettings"> = {},
): () => LocalFederation {
  let federation: LocalFederation | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    mkdirSync(join(ROOT_DIR, ".test-data"), { recursive: true });
    dataDir = mkdtempSync(join(ROOT_DIR, ".test-data", "federation-"));
    federation = await LocalFederation.start({
      dataDir,
      portBase: TEST_PORT_BASE,
      log: () => undefined,
      ...options,
    });
  }, 180_000);

  afterAll(async () => {
    await federation?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  return () => {
    if (!federation) throw new Error("The federation did not start; see the beforeAll error.");
    return federation;
  };
}

/**
 * The development identity providers alone (built: npm test builds first), publishing the keys of
 * `keysDir`, for tests that verify tokens without a whole federation. Stop it in afterAll.
 */
export function identityProvidersFor(keysDir: string): Promise<ManagedProcess> {
  mkdirSync(join(ROOT_DIR, ".test-data"), { recursive: true });
  return spawnIdentityProviders({
    keysDir,
    port: portPlan(TEST_PORT_BASE).identityProvider,
    redirectUris: [],
    env: TEST_ENV,
    logFile: join(ROOT_DIR, ".test-data", "identity-provider.log"),
  });
}
