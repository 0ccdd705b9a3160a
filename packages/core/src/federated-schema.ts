import { buildSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { DocumentNode, GraphQLSchema, Kind, parse, visit } from "graphql";
import { buildSchema, BuildSchemaOptions, createResolversMap } from "type-graphql";
import { SHARED_COUNTRY_FIELDS } from "./country-interface";
import { validateInput } from "./validation";

/** The resolver map `buildSubgraphSchema` takes, named through its public signature. */
type ResolverMap = NonNullable<
  Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>["resolvers"]
>;

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external"])';

const directive = (name: string) =>
  ({ kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: name } }) as const;

/**
 * Reference stubs: types this subgraph only points at (another country's own type). Every field but the
 * key and the registry's facts (`SHARED_COUNTRY_FIELDS`) is marked `@external`, so the type can implement
 * a shared interface while the planner fetches those fields from the subgraph that owns the type. The
 * registry's facts are `@shareable` on every country's type, stub or not: any subgraph answers them.
 */
function federateCountryTypes(document: DocumentNode, stubs: ReadonlyMap<string, string>): DocumentNode {
  return visit(document, {
    ObjectTypeDefinition(node) {
      const key = stubs.get(node.name.value);
      const isCountry = node.interfaces?.some((i) => i.name.value === "Country");
      if (!key && !isCountry) return undefined;
      return {
        ...node,
        fields: node.fields?.map((field) => {
          const name = field.name.value;
          const marked =
            isCountry && SHARED_COUNTRY_FIELDS.has(name)
              ? "shareable"
              : key && name !== key
                ? "external"
                : undefined;
          return marked ? { ...field, directives: [...(field.directives ?? []), directive(marked)] } : field;
        }),
      };
    },
  });
}

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes: type-graphql emits the schema with its
 * directives (`@key`, `@shareable`), and `@apollo/subgraph` adds `_entities` and `_service` on top.
 * Shared by every subgraph so that none of them wires federation by hand.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, "skipCheck" | "validate" | "validateFn">,
  referenceResolvers: ResolverMap = {},
  /** Stub type name -> its key field (see `federateCountryTypes`). */
  stubs: ReadonlyMap<string, string> = new Map(),
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, validateFn: validateInput, skipCheck: true });
  const resolvers = createResolversMap(schema) as ResolverMap;
  for (const [typeName, typeResolvers] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(typeResolvers as object) };
  }
  return buildSubgraphSchema({
    typeDefs: federateCountryTypes(parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`), stubs),
    resolvers,
  });
}
