import { ApolloServerPlugin, HeaderMap } from "@apollo/server";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { GraphQLError } from "graphql";
import { decodeJwt } from "jose";
import { AuthResult, bearerToken, Principal, serviceKeys } from "#core/edge";

export { SERVICE_CREDENTIAL_HEADER } from "#core/edge";
import { GatewayContext } from "./subgraph-data-source";

interface Manifest {
  operations: Array<{ id: string; name: string; body: string }>;
}

/** The registered operations (`schema/trusted-operations.json`, from docs/operations), by SHA-256 id. */
export function loadTrustedOperations(path: string): Map<string, string> {
  return trustedOperationsFrom(readFileSync(path, "utf8"));
}

/** The registered operations of a manifest's text, by SHA-256 id. */
export function trustedOperationsFrom(manifestJson: string): Map<string, string> {
  const manifest = JSON.parse(manifestJson) as Manifest;
  return new Map(manifest.operations.map(({ id, body }) => [id, body]));
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The role a bearer token claims, unverified (the subgraphs verify it); undefined if there is none. */
function claimedRole(authorization: string | undefined): unknown {
  const token = authorization ? bearerToken(authorization) : undefined;
  try {
    return token ? decodeJwt(token).role : undefined;
  } catch {
    return undefined;
  }
}

const SERVICE_ISSUERS = new Set(serviceKeys().map((k) => k.issuer));
/** A national subgraph's own service credential, verified. */
export const isService = (auth: AuthResult): auth is { kind: "authenticated"; principal: Principal } =>
  auth.kind === "authenticated" && SERVICE_ISSUERS.has(auth.principal.issuer);

/**
 * Registered operations by hash, for everyone: a request may send only `extensions.persistedQuery.sha256Hash`
 * of one of them. With `enforce` (TRUSTED_OPERATIONS=on), a national system's token may run nothing else:
 * any other document is refused with OPERATION_NOT_TRUSTED before it is planned. People's ad-hoc queries
 * (NCP officers, the RFP, the public) are not affected, nor are the national subgraphs' own requests (their
 * service credential, as the caller's token or beside a forwarded one). The gateway verifies tokens only to
 * tell who calls; every subgraph still verifies them and decides access itself.
 */
export function trustedOperationsPlugin(
  registered: ReadonlyMap<string, string>,
  enforce: boolean,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const hash = request.extensions?.persistedQuery?.sha256Hash;
      if (typeof hash === "string" && request.query === undefined && registered.has(hash)) {
        request.query = registered.get(hash);
      }
      if (!enforce || claimedRole(contextValue.authorization) !== "NATIONAL_SYSTEM") return;
      // Enforced on the role the token claims: a token the gateway cannot verify (its issuer down, say) is
      // still held to the registered operations. Only a verified service credential is exempt, as the
      // caller or beside a forwarded token.
      if (contextValue.caller && isService(contextValue.caller)) return;
      if (contextValue.forwarder && isService(contextValue.forwarder)) return;
      return {
        async didResolveOperation({ request: resolved }) {
          if (resolved.query !== undefined && registered.get(sha256(resolved.query)) === resolved.query)
            return;
          throw new GraphQLError(
            "This gateway runs only registered operations for national systems: send one of the documented " +
              "operations (docs/operations), by its text or by extensions.persistedQuery.sha256Hash.",
            {
              extensions: { code: "OPERATION_NOT_TRUSTED", http: { status: 403, headers: new HeaderMap() } },
            },
          );
        },
      };
    },
  };
}
