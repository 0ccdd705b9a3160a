import { join } from "node:path";
import { ROOT_DIR } from "#core";
import { ManagedProcess, spawnManaged, waitForReady } from "../process/processes";

export interface IdentityProvidersProcessOptions {
  /** The development identity providers' keys (`idp/` under a local keys root). */
  keysDir: string;
  port: number;
  /** Where the pages receive the authorization code, e.g. `http://localhost:4000/signin`. */
  redirectUris: string[];
  /** What every process of the federation is told (IDP_URL). */
  env: Record<string, string>;
  logFile: string;
  /** Told when the process exits without being asked to, with the end of its log. */
  onUnexpectedExit?: (report: string) => void;
}

/**
 * Starts the development identity providers (`scripts/identity-provider.ts`, built) as their own process;
 * they answer `/readyz` once they serve. Run apart, as a country's identity provider runs apart from its
 * subgraph.
 */
export function spawnIdentityProviders(options: IdentityProvidersProcessOptions): ManagedProcess {
  return spawnManaged(
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
    { onUnexpectedExit: options.onUnexpectedExit },
  );
}

/** Starts them and waits until they answer (or stops them and says why, after `timeoutMs`). */
export async function startIdentityProviders(
  options: IdentityProvidersProcessOptions,
  timeoutMs = 180_000,
): Promise<ManagedProcess> {
  const service = spawnIdentityProviders(options);
  try {
    await waitForReady(`http://127.0.0.1:${options.port}/readyz`, service, timeoutMs);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service;
}
