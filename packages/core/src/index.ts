/**
 * The code every service of the federation shares, and its public face: import it as `#core`. Two other
 * entries: `#core/tracing`, which each service loads first, before anything loads `http`, and
 * `#core/edge`, the part without a store or GraphQL types, for the gateway (this face includes it).
 */
// Some of what follows declares GraphQL types with decorators, which need the metadata API first.
import "reflect-metadata";
export * from "./edge";
export * from "./audit/audit-buffer";
export * from "./audit/audit-decision";
export * from "./audit/audit-log";
export * from "./audit/audit.model";
export * from "./audit/hash-chain";
export * from "./audit/refusal-tally";
export * from "./auth/access";
export * from "./auth/policy";
export * from "./auth/request-access";
export * from "./auth/sign-token";
export * from "./canonical-json";
export * from "./country-interface";
export * from "./country-type";
export * from "./federated-schema";
export * from "./object-id";
export * from "./plan-items";
export * from "./store-connection";
export * from "./timed-cache";
export * from "./validation";
export * from "./subgraph";
export * from "./module-parts";
