import { COUNTRIES, CountryEntry } from "./countries";

/** Every name and number that depends on a country is derived here, from the registry, and nowhere else. */

export const ENABLED_COUNTRIES: readonly CountryEntry[] = COUNTRIES.filter((c) => c.enabled);

/** Audience of every caller token in the federation. */
export const TOKEN_AUDIENCE = "urn:cbss-ncp:federation";

export const DIRECTORY_SUBGRAPH = "directory";

export function findCountry(code: string): CountryEntry | undefined {
  return COUNTRIES.find((c) => c.code === code.toUpperCase());
}

export function findEnabledCountry(code: string): CountryEntry | undefined {
  const country = findCountry(code);
  return country?.enabled ? country : undefined;
}

export function enabledCodes(): string[] {
  return ENABLED_COUNTRIES.map((c) => c.code);
}

/** GraphQL object type of a country, e.g. `Sweden`. */
export function countryTypeName(country: CountryEntry): string {
  return country.name.replace(/[^A-Za-z0-9]/g, "");
}

/** Root mutation namespace of a country, e.g. `sweden`. */
export function mutationNamespace(country: CountryEntry): string {
  const typeName = countryTypeName(country);
  return typeName.charAt(0).toLowerCase() + typeName.slice(1);
}

/** Type of the mutation namespace, e.g. `SwedenMutations`. */
export function mutationTypeName(country: CountryEntry): string {
  return `${countryTypeName(country)}Mutations`;
}

/** Subgraph name in the supergraph, e.g. `national-se`. */
export function nationalSubgraphName(country: CountryEntry): string {
  return `national-${country.code.toLowerCase()}`;
}

export function countryOfSubgraph(subgraphName: string): CountryEntry | undefined {
  return ENABLED_COUNTRIES.find((c) => nationalSubgraphName(c) === subgraphName);
}

/**
 * Issuer of a service's own credential (`national-se`, `directory`): the identity a service acts under
 * when it calls another, signed with a key only that service holds.
 */
export function serviceIssuer(service: string): string {
  return `urn:cbss-ncp:service:${service}`;
}

export const DIRECTORY_DATABASE = "cbss_directory";

/** Database name of a country's store. */
export function databaseName(country: CountryEntry): string {
  return `ncp_${country.code.toLowerCase()}`;
}

/**
 * Default loopback ports, all derived from one base so a second federation (tests) can run beside the
 * first: gateway = base, directory = base + 1, the development identity providers = base + 2, national subgraphs from base + 100, embedded stores (their
 * MongoDB-wire gateways) from base + 200, each at the country's position in the registry; the directory's
 * store at base + 290.
 */
export interface PortPlan {
  gateway: number;
  directory: number;
  /** The development identity providers (one OpenID Connect issuer per country and the Children's Unit). */
  identityProvider: number;
  national(country: CountryEntry): number;
  store(country: CountryEntry): number;
  /** The directory's own store (witnessed audit heads; no case data). */
  directoryStore: number;
}

export const DEFAULT_PORT_BASE = 4000;

export function portPlan(base = DEFAULT_PORT_BASE): PortPlan {
  const slot = (country: CountryEntry) => COUNTRIES.findIndex((c) => c.code === country.code);
  return {
    gateway: base,
    directory: base + 1,
    identityProvider: base + 2,
    national: (country) => base + 100 + slot(country),
    store: (country) => base + 200 + slot(country),
    directoryStore: base + 290,
  };
}

/** Environment variable that overrides a subgraph's URL at the gateway, e.g. `SUBGRAPH_URL_NATIONAL_SE`. */
export function subgraphUrlVariable(subgraphName: string): string {
  return `SUBGRAPH_URL_${subgraphName.toUpperCase().replace(/-/g, "_")}`;
}

/** Environment variable that points a country at a MongoDB of its own, e.g. `MONGODB_URI_SE`. */
export function mongoUriVariable(country: CountryEntry): string {
  return `MONGODB_URI_${country.code}`;
}
