import { AuditBuffer, AuthResult, CredentialCheck, RequestAccess, requestAccess } from "#core";
import { DirectoryModuleParts, DirectoryStore } from "./store";

/**
 * The per-request loaders (the events of each plan item). Empty here; each module adds its own in its
 * `<module>.parts.ts`, by declaration merging, as in the national subgraph.
 */
export interface DirectoryLoaders {}

/** What the process keeps and lends each request (the witness, which declares itself in `witness.ts`). */
export interface DirectoryServices {}

/** What a module adds besides its models: its per-request loaders. */
export interface DirectoryParts extends DirectoryModuleParts {
  readonly loaders?: (store: DirectoryStore) => Partial<DirectoryLoaders>;
}

/** Built once per request. */
export interface DirectoryContext extends RequestAccess, DirectoryServices {
  readonly store: DirectoryStore;
  readonly loaders: DirectoryLoaders;
  readonly audit: AuditBuffer;
  /** The request's gateway credential, checked (`gateway-credential.ts`). */
  readonly credential: CredentialCheck;
}

export function createDirectoryContext(
  frame: { store: DirectoryStore; modules: readonly DirectoryParts[]; services: DirectoryServices },
  auth: AuthResult,
  request: { operation: string; deadline: number; credential: CredentialCheck },
): DirectoryContext {
  const { store, modules, services } = frame;
  const audit = new AuditBuffer(store.Audit, auth, request.operation);
  // The Children's Unit holds no country's data: no `owner`.
  return {
    ...services,
    store,
    loaders: Object.assign({}, ...modules.map((module) => module.loaders?.(store) ?? {})) as DirectoryLoaders,
    audit,
    credential: request.credential,
    ...requestAccess(auth, undefined, audit, request.deadline),
  };
}
