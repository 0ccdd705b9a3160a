/** Small typed readers for environment configuration, validated once at start-up. */
import { portPlan } from "#schema/registry";

export function requiredEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name]?.trim();
  if (!value) throw new Error(`Environment variable ${name} is required.`);
  return value;
}

export function portEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Environment variable ${name} must be a port number, got '${raw}'.`);
  }
  return port;
}

export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === "production";
}

/** A whole number, 1 or more, such as a rate: `what` names its unit in the error. */
export function positiveIntEnv(
  name: string,
  fallback: number,
  what: string,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `Environment variable ${name} must be a whole number of ${what}, 1 or more, got '${raw}'.`,
    );
  }
  return value;
}

/**
 * The gateway's GraphQL URL as its callers reach it, which their proofs of possession (DPoP `htu`) name:
 * `GATEWAY_PUBLIC_URL`; outside production, the local gateway's at `port`.
 */
export function gatewayPublicUrl(env: NodeJS.ProcessEnv = process.env, port = portPlan().gateway): string {
  const url = env.GATEWAY_PUBLIC_URL?.trim();
  if (url) return new URL(url).href;
  if (isProduction(env))
    throw new Error("GATEWAY_PUBLIC_URL must name the gateway's GraphQL URL as its callers reach it.");
  return `http://localhost:${port}/graphql`;
}

/**
 * A subgraph's own GraphQL URL as the callers that reach it directly name it in their proofs (a national
 * system calling its own subgraph): `PUBLIC_URL`, else loopback at its port.
 */
export function ownPublicUrl(port: number, env: NodeJS.ProcessEnv = process.env): string {
  const url = env.PUBLIC_URL?.trim();
  return url ? new URL(url).href : `http://127.0.0.1:${port}/graphql`;
}

/**
 * Whether tokens from the identity providers must be bound to their holder's key (DPoP):
 * `PROOF_OF_POSSESSION=required` (the default in production) or `optional` (the default otherwise).
 */
export function proofOfPossessionRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  const value =
    env.PROOF_OF_POSSESSION?.trim().toLowerCase() || (isProduction(env) ? "required" : "optional");
  if (value !== "required" && value !== "optional") {
    throw new Error(
      `PROOF_OF_POSSESSION must be 'required' or 'optional', got '${env.PROOF_OF_POSSESSION}'.`,
    );
  }
  return value === "required";
}
