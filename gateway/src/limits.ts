import { ApolloArmor } from "@escape.tech/graphql-armor";

/**
 * What one request to the gateway may ask for. The largest legitimate operations (a referral with its
 * response and timeline, `countries { referrals { nodes { to { contactPoints } } } }`) stay well inside;
 * an attacker's deep, wide or aliased query does not reach any national registry. docs/security.md lists
 * these values; change them here only.
 */
export const LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 10,
  maxTokens: 1_000,
  maxCost: 5_000,
  /** Request body size, before any parsing. */
  bodyLimit: "100kb",
  /**
   * Store reads one request may ask of the national registries (work.ts): the RFP dashboard's ten
   * countries' statistics for a period are 100; every country's inbox with each referral's receiver's
   * contact points, 210.
   */
  maxWork: 250,
  /** What a country's statistics count, in store reads. */
  statisticsWork: 10,
  /** Store reads one caller may ask in a minute (GATEWAY_WORK_PER_MINUTE), ten seconds' worth at once. */
  workPerMinute: 3_000,
} as const;

const ARMOR_CONFIG: ConstructorParameters<typeof ApolloArmor>[0] = {
  maxDepth: { n: LIMITS.maxDepth, flattenFragments: true },
  maxAliases: { n: LIMITS.maxAliases },
  maxDirectives: { n: LIMITS.maxDirectives },
  maxTokens: { n: LIMITS.maxTokens },
  costLimit: { maxCost: LIMITS.maxCost, flattenFragments: true },
  // "Did you mean ...?" would let a caller map the schema even with introspection off.
  blockFieldSuggestion: { enabled: true },
};

/** GraphQL Armor's plugins and validation rules for the gateway; batched HTTP requests stay off. */
export function gatewayProtection() {
  return new ApolloArmor(ARMOR_CONFIG).protect();
}
