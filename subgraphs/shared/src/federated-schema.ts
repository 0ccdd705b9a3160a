import { buildSubgraphSchema } from "@apollo/subgraph";
import { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { GraphQLSchema, parse } from "graphql";
import { buildSchema, BuildSchemaOptions, createResolversMap } from "type-graphql";
import { validateInput } from "./validation";

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])';

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes: type-graphql emits the schema with its
 * directives (`@key`, `@shareable`), and `@apollo/subgraph` adds `_entities` and `_service` on top.
 * Shared by every subgraph so that none of them wires federation by hand.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, "skipCheck" | "validate" | "validateFn">,
  referenceResolvers: GraphQLResolverMap<unknown> = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, validateFn: validateInput, skipCheck: true });
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, typeResolvers] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(typeResolvers as object) };
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
    resolvers,
  });
}
