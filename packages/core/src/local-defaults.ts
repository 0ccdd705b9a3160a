import { join } from "node:path";
import { DEFAULT_PORT_BASE, portPlan } from "#schema/registry";
import { portEnv } from "./config";
import { ROOT_DIR } from "./paths";

/**
 * The defaults of a local federation (`npm start`, scripts, and services started without configuration),
 * in one place. Deployments set the variables.
 */

/** Where a local federation keeps keys, stores and logs: DATA_DIR, or `.data` in the clone. */
export function localDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATA_DIR?.trim() || join(ROOT_DIR, ".data");
}

/** Where a local federation keeps every service's keys folder and the development identity providers. */
export function localKeysRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(localDataDir(env), "keys");
}

/** A service's own keys folder: KEYS_DIR, or the service's folder under the local keys root. */
export function keysDirOf(service: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.KEYS_DIR?.trim() || join(localKeysRoot(env), service);
}

/** The first port of a local federation (gateway = base; see portPlan): PORT_BASE, or 4000. */
export function localPortBase(env: NodeJS.ProcessEnv = process.env): number {
  return portEnv("PORT_BASE", DEFAULT_PORT_BASE, env);
}

/** The development identity providers' base URL: IDP_URL, or the local federation's (port base + 2). */
export function localIdpUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.IDP_URL?.trim() || `http://localhost:${portPlan(localPortBase(env)).identityProvider}`;
}
