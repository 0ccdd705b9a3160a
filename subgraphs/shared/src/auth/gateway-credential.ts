import { ApolloServerPlugin } from "@apollo/server";
import { randomUUID } from "node:crypto";
import { jwtVerify, KeyLike, SignJWT } from "jose";
import { FragmentDefinitionNode, Kind, OperationDefinitionNode, SelectionSetNode } from "graphql";

/** Refused before execution, with a 4xx status so the gateway reports it as a refusal, not an outage. */
const refusal = (code: "FORBIDDEN" | "UNAUTHENTICATED", message: string) =>
  new GraphQLError(message, { extensions: { code, http: { status: code === "FORBIDDEN" ? 403 : 401 } } });
import { GraphQLError } from "graphql";
import { TOKEN_ALGORITHM } from "./keys";

export const GATEWAY_ISSUER = "urn:cbss-ncp:gateway";
export const GATEWAY_CREDENTIAL_HEADER = "x-gateway-credential";
const LIFETIME_S = 30;

export const subgraphAudience = (subgraphName: string) => `urn:cbss-ncp:subgraph:${subgraphName}`;

/** Signs the credential for one request to one subgraph: short-lived, single-use, addressed to it. */
export function signGatewayCredential(key: KeyLike | Uint8Array, subgraphName: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: "JWT" })
    .setIssuer(GATEWAY_ISSUER)
    .setAudience(subgraphAudience(subgraphName))
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_S}s`)
    .sign(key);
}

/** Root fields only the gateway may use: entity resolution and the subgraph's SDL. */
const GATEWAY_ONLY_FIELDS = new Set(["_entities", "_service"]);

function rootFieldNames(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT)
      return rootFieldNames(selection.selectionSet, fragments, seen);
    const name = selection.name.value;
    if (seen.has(name) || !fragments[name]) return [];
    seen.add(name);
    return rootFieldNames(fragments[name].selectionSet, fragments, seen);
  });
}

/**
 * Serves `_entities` and `_service` only to requests that carry a valid gateway credential for this
 * subgraph, and accepts each credential once. The caller's own token is still verified separately for
 * every field: the credential proves the route, never an identity.
 */
export function gatewayOnlyPlugin(
  gatewayKey: KeyLike | Uint8Array,
  subgraphName: string,
): ApolloServerPlugin {
  const used = new Map<string, number>();
  const audience = subgraphAudience(subgraphName);

  async function check(credential: string | undefined): Promise<void> {
    if (!credential) {
      throw refusal(
        "FORBIDDEN",
        "_entities and _service are served only to the federation gateway; query the gateway instead.",
      );
    }
    let payload;
    try {
      ({ payload } = await jwtVerify(credential, gatewayKey, {
        issuer: GATEWAY_ISSUER,
        audience,
        algorithms: [TOKEN_ALGORITHM],
        requiredClaims: ["jti", "exp", "iat"],
        maxTokenAge: `${LIFETIME_S}s`,
      }));
    } catch {
      throw refusal("UNAUTHENTICATED", `The gateway credential is not valid for ${subgraphName}.`);
    }
    // Credentials are remembered in the order they arrive, and all live as long, so the expired ones
    // are at the front: drop those and stop at the first that is still valid.
    const now = Date.now() / 1000;
    for (const [jti, exp] of used) {
      if (exp >= now) break;
      used.delete(jti);
    }
    if (used.has(payload.jti!)) throw refusal("UNAUTHENTICATED", "The gateway credential was already used.");
    used.set(payload.jti!, payload.exp!);
  }

  return {
    async requestDidStart({ request }) {
      return {
        async didResolveOperation({ document, operation }) {
          const fragments = Object.fromEntries(
            document.definitions
              .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
              .map((d) => [d.name.value, d]),
          );
          const fields = rootFieldNames((operation as OperationDefinitionNode).selectionSet, fragments);
          if (fields.some((f) => GATEWAY_ONLY_FIELDS.has(f))) {
            await check(request.http?.headers.get(GATEWAY_CREDENTIAL_HEADER));
          }
        },
      };
    },
  };
}
