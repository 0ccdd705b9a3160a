import { AuditBuffer } from "../../shared/src/audit/audit-buffer";
import { CredentialCheck } from "../../shared/src/auth/gateway-credential";
import { requestAccess, RequestAccess } from "../../shared/src/auth/request-access";
import { AuthResult } from "../../shared/src/auth/verify-token";
import DataLoader from "dataloader";
import { eventsOfItemLoader } from "./events/event.service";
import { RegionalEvent } from "./events/event.type";
import { DirectoryStore } from "./store";
import { AuditWitness } from "./witness";

/** Built once per request. */
export interface DirectoryContext extends RequestAccess {
  readonly witness: AuditWitness;
  readonly store: DirectoryStore;
  readonly audit: AuditBuffer;
  /** The events that served a plan item (`<year>|<item>`), batched for the request's items. */
  readonly eventsOfItem: DataLoader<string, RegionalEvent[]>;
  /** The request's gateway credential, checked (`gateway-credential.ts`). */
  readonly credential: CredentialCheck;
}

export function createDirectoryContext(
  witness: AuditWitness,
  store: DirectoryStore,
  auth: AuthResult,
  request: { operation: string; deadline: number; credential: CredentialCheck },
): DirectoryContext {
  const audit = new AuditBuffer(store.Audit, auth, request.operation);
  // The Children's Unit holds no country's data: no `owner`.
  return {
    witness,
    store,
    audit,
    eventsOfItem: eventsOfItemLoader(store),
    credential: request.credential,
    ...requestAccess(auth, undefined, audit, request.deadline),
  };
}
