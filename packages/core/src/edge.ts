/**
 * The part of core a service at the HTTP edge needs, and nothing that brings a store or GraphQL types with
 * it (mongoose, type-graphql): tokens, keys, gateway credentials, proofs of possession, deadlines, errors,
 * rate limits, the HTTP server. The gateway imports only this (`#core/edge`), which keeps it about 30 MB
 * and half a second lighter at start; everything else imports `#core`, which includes it.
 */
export * from "./auth/dpop";
export * from "./auth/gateway-credential";
export * from "./auth/keys";
export * from "./auth/once-only";
export * from "./auth/principal";
export * from "./auth/roles";
export * from "./auth/verify-token";
export * from "./config";
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
export * from "./http-server";
export * from "./local-defaults";
export * from "./paths";
export * from "./process";
export * from "./rate-limit";
