import { join } from "node:path";
import { ROOT_DIR } from "#core";
import { ManagedProcess, spawnManaged, waitForReady } from "../process/processes";

/** A bound against waiting for ever on a process that cannot start, not an expectation of speed. */
const STARTUP_TIMEOUT_MS = 180_000;

export interface IdentityProvidersProcessOptions {
  /** The development identity providers' keys (`idp/` under a local keys root). */
  keysDir: string;
  port: number;
  /** Where the pages receive the authorization code, e.g. `http://localhost:4000/signin`. */
  redirectUris: string[];
  /** What every process of the federation is told (IDP_URL). */
  env: Record<string, string>;
  logFile: string;
}

/**
 * Starts the development identity providers (`scripts/identity-provider.ts`, built) as their own process
 * and waits until they answer. Run apart, as a country's identity provider runs apart from its subgraph.
 */
export async function spawnIdentityProviders(
  options: IdentityProvidersProcessOptions,
): Promise<ManagedProcess> {
  const service = spawnManaged(
    "identity-provider",
    process.execPath,
    [join(ROOT_DIR, "dist", "scripts", "identity-provider.js")],
    {
      ...options.env,
      PORT: String(options.port),
      KEYS_DIR: options.keysDir,
      SIGNIN_REDIRECT_URIS: options.redirectUris.join(","),
    },
    options.logFile,
  );
  try {
    await waitForReady(`http://127.0.0.1:${options.port}/readyz`, service, STARTUP_TIMEOUT_MS);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service;
}
