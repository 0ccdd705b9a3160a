import { CountryEntry } from "../../../schema/countries";
import { AuthResult } from "../../shared/src/auth/verify-token";
import { createLoaders, Loaders } from "./loaders";
import { Store } from "./store";

/** Built once per request; loaders are per request so nothing is cached across callers. */
export interface Context {
  readonly country: CountryEntry;
  readonly auth: AuthResult;
  readonly store: Store;
  readonly loaders: Loaders;
}

export function createContext(country: CountryEntry, store: Store, auth: AuthResult): Context {
  return { country, auth, store, loaders: createLoaders(store) };
}
