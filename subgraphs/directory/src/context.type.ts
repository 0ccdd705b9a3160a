import { AuditBuffer, AuthResult, CredentialCheck, RequestAccess, requestAccess } from "#core";
import { DirectoryModuleParts, DirectoryStore } from "./store";

/**
 * What the modules lend each request: the witness, per-request loaders. Empty here; each module adds its
 * own in its `<module>.parts.ts`, by declaration merging.
 */
export interface DirectoryRequestParts {}

/** What a module adds besides its models: what each request gets of it. */
export interface DirectoryParts extends DirectoryModuleParts {
  readonly request?: (store: DirectoryStore) => Partial<DirectoryRequestParts>;
}

/** Built once per request. */
export interface DirectoryContext extends RequestAccess, DirectoryRequestParts {
  readonly store: DirectoryStore;
  readonly audit: AuditBuffer;
  /** The request's gateway credential, checked (`gateway-credential.ts`). */
  readonly credential: CredentialCheck;
}

export function createDirectoryContext(
  frame: {
    store: DirectoryStore;
    modules: readonly DirectoryParts[];
    /** What the process keeps for every request (the witness). */
    services: Partial<DirectoryRequestParts>;
  },
  auth: AuthResult,
  request: { operation: string; deadline: number; credential: CredentialCheck },
): DirectoryContext {
  const { store, modules, services } = frame;
  const audit = new AuditBuffer(store.Audit, auth, request.operation);
  // The Children's Unit holds no country's data: no `owner`.
  return Object.assign({ ...services }, ...modules.map((module) => module.request?.(store) ?? {}), {
    store,
    audit,
    credential: request.credential,
    ...requestAccess(auth, undefined, audit, request.deadline),
  }) as DirectoryContext;
}
