import { join } from "node:path";
import { portPlan } from "#schema/registry";
import { GATEWAY_SERVICE, gatewayPublicUrl, keysDirOf, portEnv, positiveIntEnv, ROOT_DIR } from "#core/edge";
import { LIMITS } from "./limits";

/**
 * V8 flags the gateway's process starts with, wherever it is launched (`npm start`, the tests, the compose
 * file). Its live heap is about 65 MB under the public fan-out; with V8's default limits it let garbage
 * pile up to 320-370 MB resident before collecting it, and with old space bounded at 256 MB it stays near
 * 200 MB at the same throughput (docs/benchmarks.md).
 */
export const GATEWAY_NODE_FLAGS = ["--max-old-space-size=256"];

export interface GatewayConfig {
  readonly port: number;
  /** Its GraphQL URL as callers name it in their proofs of possession (`GATEWAY_PUBLIC_URL`). */
  readonly publicUrl: string;
  readonly supergraphPath: string;
  /** Per-subgraph request deadline. */
  readonly subgraphTimeoutMs: number;
  /** Holds the gateway's credential signing key (`gateway.private.jwk.json`). */
  readonly keysDir: string;
  /** The registered operations of national systems (generated from docs/operations). */
  readonly trustedOperationsPath: string;
  /** TRUSTED_OPERATIONS=on: national systems' tokens may run only the registered operations. */
  readonly trustedOperationsOnly: boolean;
  /** Store reads one caller may ask in a minute (GATEWAY_WORK_PER_MINUTE; `LIMITS.workPerMinute`). */
  readonly workPerMinute: number;
}

export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const timeout = Number(env.SUBGRAPH_TIMEOUT_MS ?? 5_000);
  if (!Number.isInteger(timeout) || timeout <= 0) {
    throw new Error(
      `SUBGRAPH_TIMEOUT_MS must be a positive number of milliseconds, got '${env.SUBGRAPH_TIMEOUT_MS}'.`,
    );
  }
  const workPerMinute = positiveIntEnv("GATEWAY_WORK_PER_MINUTE", LIMITS.workPerMinute, "store reads", env);
  if (workPerMinute / 6 < LIMITS.maxWork) {
    throw new Error(
      `GATEWAY_WORK_PER_MINUTE must let a caller send one request at the limit of ${LIMITS.maxWork} store reads ` +
        `within ten seconds: at least ${6 * LIMITS.maxWork}, got ${workPerMinute}.`,
    );
  }
  const port = portEnv("PORT", portPlan().gateway, env);
  return {
    port,
    publicUrl: gatewayPublicUrl(env, port),
    supergraphPath: env.SUPERGRAPH_PATH ?? join(ROOT_DIR, "schema", "supergraph.graphql"),
    subgraphTimeoutMs: timeout,
    keysDir: keysDirOf(GATEWAY_SERVICE, env),
    trustedOperationsPath: env.TRUSTED_OPERATIONS_PATH ?? join(ROOT_DIR, "schema", "trusted-operations.json"),
    trustedOperationsOnly: onOff("TRUSTED_OPERATIONS", env),
    workPerMinute,
  };
}

function onOff(name: string, env: NodeJS.ProcessEnv): boolean {
  const value = env[name]?.trim().toLowerCase() ?? "off";
  if (value !== "on" && value !== "off")
    throw new Error(`${name} must be 'on' or 'off', got '${env[name]}'.`);
  return value === "on";
}
