import { ApolloServerPlugin } from "@apollo/server";
import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLField,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLNamedType,
  GraphQLSchema,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  parse,
  SelectionSetNode,
} from "graphql";
import { getArgumentValues } from "graphql/execution/values";
import { ENABLED_COUNTRIES } from "#schema/registry";
import { RateLimitedError, RateLimiter } from "#core/edge";
import { isIP } from "node:net";
import { LIMITS } from "./limits";
import { isService } from "./trusted-operations";
import { GatewayContext } from "./subgraph-data-source";

const COUNTRY = "Country";
/** The largest page any list serves. */
const MAX_PAGE = 100;

/**
 * The fields of a country that its national subgraph answers from its store (the supergraph joins them to
 * the national graphs), as opposed to what the directory knows (its code, name and membership).
 */
export function storeFields(supergraphSdl: string): Set<string> {
  const country = parse(supergraphSdl).definitions.find(
    (d) => d.kind === Kind.INTERFACE_TYPE_DEFINITION && d.name.value === COUNTRY,
  );
  if (country?.kind !== Kind.INTERFACE_TYPE_DEFINITION)
    throw new Error("The supergraph has no Country interface.");
  const national = (field: NonNullable<typeof country.fields>[number]) =>
    field.directives?.some(
      (d) =>
        d.name.value === "join__field" &&
        d.arguments?.some(
          (a) =>
            a.name.value === "graph" && a.value.kind === Kind.ENUM && a.value.value.startsWith("NATIONAL_"),
        ),
    );
  return new Set((country.fields ?? []).filter(national).map((f) => f.name.value));
}

/** The size of the page a field is asked for (a variable that is not a number is refused later, in execution). */
function pageSize(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
) {
  let first;
  try {
    first = Number(getArgumentValues(field, node, variables).first);
  } catch {
    return 1;
  }
  return Number.isInteger(first) && first > 1 ? Math.min(first, MAX_PAGE) : 1;
}

const isCountry = (type: GraphQLNamedType) =>
  type.name === COUNTRY || (isObjectType(type) && type.getInterfaces().some((i) => i.name === COUNTRY));

/**
 * The work a request asks of the national registries, in store reads: each field of a country that its
 * subgraph answers from its store is one read per country it is asked of, a country's statistics
 * `LIMITS.statisticsWork` (a dozen aggregations over a year); each write of a mutation namespace one. A list
 * of countries multiplies what is asked of each by the number of countries, a page (`first`, or its
 * default) by its size: a country named by each record of a page (a referral's `to`) is asked once per
 * record, as the gateway sends one reference per record. Aliases count each time.
 */
export function requestWork(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  fromStores: ReadonlySet<string>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (
      definition.kind === Kind.OPERATION_DEFINITION &&
      (!operationName || definition.name?.value === operationName)
    )
      operation ??= definition;
  }
  if (!operation) return 0;
  const mutation = schema.getMutationType();
  const root = operation.operation === "mutation" ? mutation : schema.getQueryType();
  // The mutation namespaces (`sweden`, ...): each field selected in one is a write.
  const namespaces = new Set(Object.values(mutation?.getFields() ?? {}).map((f) => getNamedType(f.type)));

  const work = (selections: SelectionSetNode, parent: GraphQLNamedType, times: number): number => {
    let total = 0;
    for (const selection of selections.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type) total += work(selection.selectionSet, type, times);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && type) total += work(fragment.selectionSet, type, times);
      } else {
        total += fieldWork(selection, parent, times);
      }
    }
    return total;
  };

  const fieldWork = (node: FieldNode, parent: GraphQLNamedType, times: number): number => {
    if (!isObjectType(parent) && !isInterfaceType(parent)) return 0;
    const field = parent.getFields()[node.name.value];
    if (!field) return 0;
    let own = 0;
    if (isCountry(parent) && fromStores.has(field.name)) {
      own = (field.name === "statistics" ? LIMITS.statisticsWork : 1) * times;
    } else if (namespaces.has(parent)) own = times;
    const type = getNamedType(field.type);
    let inner = times;
    if (isCountry(type) && isListType(getNullableType(field.type))) inner *= ENABLED_COUNTRIES.length;
    if (field.args.some((a) => a.name === "first")) inner *= pageSize(field, node, variables);
    return own + (node.selectionSet ? work(node.selectionSet, type, inner) : 0);
  };

  return root ? work(operation.selectionSet, root, 1) : 0;
}

/** An IPv6 caller is one /64 (a host has as many addresses); an IPv4 caller its address. */
export function addressBlock(address: string | undefined): string {
  if (!address) return "unknown";
  const ipv4 = /^(?:::ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (ipv4 || isIP(address) !== 6) return ipv4?.[1] ?? address;
  const [head, tail = ""] = address.split("::");
  const groups = head ? head.split(":") : [];
  const missing = 8 - groups.length - (tail ? tail.split(":").length : 0);
  const full = [
    ...groups,
    ...Array(address.includes("::") ? missing : 0).fill("0"),
    ...(tail ? tail.split(":") : []),
  ];
  return `${full.slice(0, 4).join(":")}::/64`;
}

/**
 * The gateway's share of the national registries' work: a request that asks more than
 * `LIMITS.maxWork` store reads is refused before it is planned (WORK_LIMIT_EXCEEDED); and each caller
 * (a verified token's issuer and subject; otherwise the address it calls from, an IPv6 address by its /64)
 * may spend `workPerMinute` (GATEWAY_WORK_PER_MINUTE) a minute, ten seconds' worth at once, every request
 * costing its work and at least 1 (RATE_LIMITED, with Retry-After). A national subgraph's service
 * credential is not charged: it asks on behalf of a caller who was.
 */
export function workPlugin(
  supergraphSdl: string,
  workPerMinute: number,
  now: () => number = Date.now,
): ApolloServerPlugin<GatewayContext> {
  // Ten seconds' worth at once: a page that loads a few requests at the limit, not a minute's in a burst.
  const limiter = new RateLimiter(workPerMinute, workPerMinute / 6, now);
  const fromStores = storeFields(supergraphSdl);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, contextValue }) {
          const work = requestWork(
            schema,
            document,
            request.operationName,
            request.variables ?? {},
            fromStores,
          );
          if (work > LIMITS.maxWork) {
            throw new GraphQLError(
              `This request asks the national registries for ${work} store reads (a country's statistics count ` +
                `${LIMITS.statisticsWork}, another field of a country 1, for each country asked); ` +
                `at most ${LIMITS.maxWork} are served at once. Ask for fewer countries, periods, aliases or a smaller page.`,
              {
                extensions: {
                  code: "WORK_LIMIT_EXCEEDED",
                  work,
                  maxWork: LIMITS.maxWork,
                  http: { status: 400 },
                },
              },
            );
          }
          const auth = contextValue.caller ?? { kind: "anonymous" };
          // A national subgraph asking on a caller's behalf, or for a write it has made: whoever caused
          // the work has paid for it already.
          if (isService(auth)) return;
          const caller =
            auth.kind === "authenticated"
              ? `${auth.principal.issuer} ${auth.principal.subject}`
              : `address ${addressBlock(contextValue.address)}`;
          const cost = Math.max(1, work);
          if (!limiter.take(caller, cost)) {
            throw new RateLimitedError(
              `You asked the national registries for more than ${workPerMinute} store reads in a minute.`,
              limiter.retryAfterSeconds(caller, cost),
            );
          }
        },
      };
    },
  };
}
