import { CountryEntry } from "../../../schema/countries";
import { AuditBuffer } from "../../shared/src/audit/audit-buffer";
import { CredentialCheck } from "../../shared/src/auth/gateway-credential";
import { requestAccess, RequestAccess } from "../../shared/src/auth/request-access";
import { AuthResult } from "../../shared/src/auth/verify-token";
import { RateLimiter } from "../../shared/src/rate-limit";
import { NationalConfig } from "./config";
import { FederationClient } from "./federation-client";
import { createLoaders, Loaders } from "./loaders";
import { Doorbells } from "./modules/notification/doorbells";
import { Webhooks } from "./modules/notification/webhooks";
import { Store } from "./store";

/** Built once per request; loaders are per request so nothing is cached across callers. */
export interface Context extends RequestAccess {
  readonly country: CountryEntry;
  readonly config: NationalConfig;
  readonly auth: AuthResult;
  readonly store: Store;
  readonly loaders: Loaders;
  readonly federation: FederationClient;
  readonly audit: AuditBuffer;
  /** Tells the other country of a referral that something changed on it (the outbox). */
  readonly doorbells: Doorbells;
  /** Passes received doorbells on to the country's national systems' webhooks. */
  readonly webhooks: Webhooks;
  /** Doorbells received, per ringing country. */
  readonly ringLimit: RateLimiter;
  /** The request's gateway credential, checked (`gateway-credential.ts`). */
  readonly credential: CredentialCheck;
}

export function createContext(
  config: NationalConfig,
  store: Store,
  federation: FederationClient,
  postboxes: { doorbells: Doorbells; webhooks: Webhooks; ringLimit: RateLimiter },
  auth: AuthResult,
  request: {
    authorization?: string;
    dpop?: string;
    operation: string;
    deadline: number;
    credential: CredentialCheck;
  },
): Context {
  const audit = new AuditBuffer(store.Audit, auth, request.operation);
  return {
    country: config.country,
    config,
    auth,
    store,
    federation,
    ...postboxes,
    audit,
    credential: request.credential,
    loaders: createLoaders(store, federation, request, request.deadline),
    ...requestAccess(auth, config.country, audit, request.deadline),
  };
}
