import { CountryEntry } from "../../../schema/countries";
import { authorize, PolicyName } from "../../shared/src/auth/access";
import { Principal } from "../../shared/src/auth/principal";
import { AuthResult } from "../../shared/src/auth/verify-token";
import { NationalConfig } from "./config";
import { FederationClient } from "./federation-client";
import { createLoaders, Loaders } from "./loaders";
import { Store } from "./store";

/** Built once per request; loaders are per request so nothing is cached across callers. */
export interface Context {
  readonly country: CountryEntry;
  readonly config: NationalConfig;
  readonly auth: AuthResult;
  readonly store: Store;
  readonly loaders: Loaders;
  readonly federation: FederationClient;
  /** Checks a policy of the access matrix for this request; throws UNAUTHENTICATED or FORBIDDEN. */
  authorize(policy: PolicyName, parties?: readonly string[]): Principal;
}

export function createContext(
  config: NationalConfig,
  store: Store,
  federation: FederationClient,
  auth: AuthResult,
  authorization: string | undefined,
): Context {
  return {
    country: config.country,
    config,
    auth,
    store,
    federation,
    loaders: createLoaders(store, federation, authorization),
    authorize: (policy, parties) => authorize(auth, policy, config.country, parties),
  };
}
