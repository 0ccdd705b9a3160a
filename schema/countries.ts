/**
 * The countries registry: the single source of truth for who takes part in the federation.
 *
 * Everything per country (GraphQL type names, mutation namespaces, subgraph names, ports, token issuers,
 * compose services) is derived from this list by the functions in `registry.ts`. Adding a country is one
 * entry here plus a deployment; `npm run compose` regenerates the supergraph and docker-compose.yml.
 *
 * Order matters only for the default ports: append new countries at the end.
 */
export interface CountryEntry {
  /** ISO 3166-1 alpha-2 code. */
  readonly code: string;
  /** English short name; also the source of the GraphQL type name and the mutation namespace. */
  readonly name: string;
  readonly membership: "CBSS_MEMBER" | "INVITED_NEIGHBOUR";
  /** Enabled countries run a national subgraph and appear in the supergraph. */
  readonly enabled: boolean;
}

export const COUNTRIES: readonly CountryEntry[] = [
  { code: "DK", name: "Denmark", membership: "CBSS_MEMBER", enabled: true },
  { code: "EE", name: "Estonia", membership: "CBSS_MEMBER", enabled: true },
  { code: "FI", name: "Finland", membership: "CBSS_MEMBER", enabled: true },
  { code: "DE", name: "Germany", membership: "CBSS_MEMBER", enabled: true },
  { code: "IS", name: "Iceland", membership: "CBSS_MEMBER", enabled: true },
  { code: "LV", name: "Latvia", membership: "CBSS_MEMBER", enabled: true },
  { code: "LT", name: "Lithuania", membership: "CBSS_MEMBER", enabled: true },
  { code: "NO", name: "Norway", membership: "CBSS_MEMBER", enabled: true },
  { code: "PL", name: "Poland", membership: "CBSS_MEMBER", enabled: true },
  { code: "SE", name: "Sweden", membership: "CBSS_MEMBER", enabled: true },
  { code: "UA", name: "Ukraine", membership: "INVITED_NEIGHBOUR", enabled: false },
  { code: "BY", name: "Belarus", membership: "INVITED_NEIGHBOUR", enabled: false },
  { code: "MD", name: "Moldova", membership: "INVITED_NEIGHBOUR", enabled: false },
];
