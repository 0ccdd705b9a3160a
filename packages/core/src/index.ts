/**
 * The code every service of the federation shares, and its one public face: import it as `#core`.
 * `#core/tracing` is the only other entry: each service loads it first, before anything loads `http`.
 */
// Some of what follows declares GraphQL types with decorators, which need the metadata API first.
import "reflect-metadata";
export * from "./audit/audit-buffer";
export * from "./audit/audit-decision";
export * from "./audit/audit-log";
export * from "./audit/audit.model";
export * from "./audit/hash-chain";
export * from "./audit/refusal-tally";
export * from "./auth/access";
export * from "./auth/dpop";
export * from "./auth/gateway-credential";
export * from "./auth/keys";
export * from "./auth/once-only";
export * from "./auth/policy";
export * from "./auth/principal";
export * from "./auth/request-access";
export * from "./auth/roles";
export * from "./auth/sign-token";
export * from "./auth/verify-token";
export * from "./canonical-json";
export * from "./config";
export * from "./country-interface";
export * from "./country-type";
export * from "./deadline";
export * from "./errors/bad-user-input.error";
export * from "./errors/conflict.error";
export * from "./errors/forbidden.error";
export * from "./errors/not-found.error";
export * from "./errors/rate-limited.error";
export * from "./errors/redact";
export * from "./errors/stale-version.error";
export * from "./errors/store-unavailable.error";
export * from "./errors/unauthenticated.error";
export * from "./federated-schema";
export * from "./http-server";
export * from "./local-defaults";
export * from "./object-id";
export * from "./paths";
export * from "./plan-items";
export * from "./process";
export * from "./rate-limit";
export * from "./store-connection";
export * from "./timed-cache";
export * from "./validation";
export * from "./subgraph";
export * from "./module-parts";
