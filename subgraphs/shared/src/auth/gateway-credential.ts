import { ApolloServerPlugin } from "@apollo/server";
import { createHash, randomUUID } from "node:crypto";
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

/**
 * The SHA-256 of a request's body, as its receiver computes it from the bytes it read. The HTTP server
 * passes it to GraphQL under this header, in place of any a client sent.
 */
export const BODY_DIGEST_HEADER = "x-cbss-body-sha256";
export const bodyDigest = (body: string | Uint8Array) =>
  createHash("sha256").update(body).digest("base64url");

/**
 * Signs the credential for one request to one subgraph: short-lived, single-use, addressed to it, and bound
 * to the request's exact body, so that it is worth nothing with any other request.
 */
export function signGatewayCredential(
  key: KeyLike | Uint8Array,
  subgraphName: string,
  body: string,
): Promise<string> {
  return new SignJWT({ body: bodyDigest(body) })
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
 * subgraph, issued for that very request, and accepts each credential once, on any request. The caller's
 * own token is still verified separately for every field: the credential proves the route, never an
 * identity.
 */
export function gatewayOnlyPlugin(
  gatewayKey: KeyLike | Uint8Array,
  subgraphName: string,
): ApolloServerPlugin {
  const used = new Map<string, number>();
  const audience = subgraphAudience(subgraphName);

  async function check(credential: string, digest: string | undefined): Promise<void> {
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
    if (!digest || payload.body !== digest) {
      throw refusal("UNAUTHENTICATED", "The gateway credential was issued for another request.");
    }
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
          const credential = request.http?.headers.get(GATEWAY_CREDENTIAL_HEADER);
          // Any credential that arrives is spent, whatever the request asks: one seen with a root field
          // cannot be used again for `_entities`.
          if (credential) await check(credential, request.http?.headers.get(BODY_DIGEST_HEADER));
          else if (fields.some((f) => GATEWAY_ONLY_FIELDS.has(f))) {
            throw refusal(
              "FORBIDDEN",
              "_entities and _service are served only to the federation gateway; query the gateway instead.",
            );
          }
        },
      };
    },
  };
}
