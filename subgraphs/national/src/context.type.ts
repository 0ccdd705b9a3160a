import { CountryEntry } from "#schema/countries";
import { AuditBuffer, AuthResult, CredentialCheck, RequestAccess, requestAccess } from "#core";
import { NationalConfig } from "./config";
import { Caller, FederationClient } from "./federation-client";
import { Store, StorePart } from "./store";

/**
 * The per-request loaders: every load by key is batched (one `$in` query, or one request per counterpart
 * country) and cached for this request only, never across callers. Empty here; each module adds its own
 * in its `<module>.parts.ts`, by declaration merging.
 */
export interface Loaders {}

/** What the modules keep for the life of the process and lend to each request (the notification's postboxes). */
export interface Services {}

/** What a loader factory is given: the store, and for what is asked of other countries, the caller. */
export interface LoaderSources {
  readonly store: Store;
  readonly federation: FederationClient;
  /** The caller's token and proof, for what is asked of other countries on its behalf. */
  readonly caller: Caller;
  /** When the caller stops waiting: what is asked of other countries for it is bounded by it too. */
  readonly deadline: number;
}

/** What a module adds to its country's subgraph besides its resolvers: its part of the store, its loaders. */
export interface ModuleParts extends StorePart {
  readonly loaders?: (sources: LoaderSources) => Partial<Loaders>;
}

/** Built once per request; loaders are per request so nothing is cached across callers. */
export interface Context extends RequestAccess, Services {
  readonly country: CountryEntry;
  readonly config: NationalConfig;
  readonly auth: AuthResult;
  readonly store: Store;
  readonly loaders: Loaders;
  readonly federation: FederationClient;
  readonly audit: AuditBuffer;
  /** The request's gateway credential, checked (`gateway-credential.ts`). */
  readonly credential: CredentialCheck;
}

export function createContext(
  frame: {
    config: NationalConfig;
    store: Store;
    federation: FederationClient;
    modules: readonly ModuleParts[];
    services: Services;
  },
  auth: AuthResult,
  request: {
    authorization?: string;
    dpop?: string;
    operation: string;
    deadline: number;
    credential: CredentialCheck;
  },
): Context {
  const { config, store, federation, modules, services } = frame;
  const audit = new AuditBuffer(store.Audit, auth, request.operation);
  const sources: LoaderSources = { store, federation, caller: request, deadline: request.deadline };
  return {
    country: config.country,
    config,
    auth,
    store,
    federation,
    ...services,
    audit,
    credential: request.credential,
    loaders: Object.assign({}, ...modules.map((module) => module.loaders?.(sources) ?? {})) as Loaders,
    ...requestAccess(auth, config.country, audit, request.deadline),
  };
}
