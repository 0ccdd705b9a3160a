import { ApolloServerPlugin } from "@apollo/server";
import { createHash, randomUUID } from "node:crypto";
import { jwtVerify, KeyLike, SignJWT } from "jose";
import {
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from "graphql";

/** Refused before execution, with a 4xx status so the gateway reports it as a refusal, not an outage. */
const refusal = (code: "FORBIDDEN" | "UNAUTHENTICATED", message: string) =>
  new GraphQLError(message, { extensions: { code, http: { status: code === "FORBIDDEN" ? 403 : 401 } } });
import { IncomingMessage } from "node:http";
import { TOKEN_AUDIENCE } from "#schema/registry";
import { TOKEN_ALGORITHM } from "./keys";
import { UnauthenticatedError } from "../errors";
import { DPOP_HEADER, ProofRefused, verifyProof } from "./dpop";
import { OnceOnly, OnceOnlyFull } from "./once-only";
import { AuthResult, bearerToken, TokenVerifier } from "./verify-token";

export const GATEWAY_ISSUER = "urn:cbss-ncp:gateway";
export const GATEWAY_CREDENTIAL_HEADER = "x-gateway-credential";
const LIFETIME_S = 30;

export const subgraphAudience = (subgraphName: string) => `urn:cbss-ncp:subgraph:${subgraphName}`;
/** The audience of a national subgraph's service token sent beside a caller's, for the gateway alone. */
export const GATEWAY_AUDIENCE = GATEWAY_ISSUER;

/** What a gateway credential binds a caller's token by: the SHA-256 of its Authorization header. */
export const tokenDigest = (authorization: string) =>
  createHash("sha256").update(authorization).digest("base64url");

/**
 * The SHA-256 of a request's body, as its receiver computes it from the bytes it read (the HTTP server
 * keeps it on the request; nothing a client sends stands in for it).
 */
export const bodyDigest = (body: string | Uint8Array) =>
  createHash("sha256").update(body).digest("base64url");

/**
 * Signs the credential for one request to one subgraph: short-lived, single-use, addressed to it, and bound
 * to the request's exact body and to the caller's token it comes with, so that it is worth nothing with
 * any other request; a subgraph accepts a token for the federation only with such a credential.
 */
export function signGatewayCredential(
  key: KeyLike | Uint8Array,
  subgraphName: string,
  body: string,
  authorization?: string,
  /**
   * The URL the caller's proof of possession names when it is not the gateway's: a national subgraph's
   * own, presenting for its caller a proof made for it (`gateway/src/proofs.ts`).
   */
  proofUrl?: string,
): Promise<string> {
  return new SignJWT({
    body: bodyDigest(body),
    ...(authorization ? { tok: tokenDigest(authorization) } : {}),
    ...(proofUrl ? { htu: proofUrl } : {}),
  })
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

/** What a request's gateway credential says, checked (and spent) once, when the request's context is made. */
export type CredentialCheck =
  | { readonly kind: "none" }
  | { readonly kind: "valid"; readonly tok?: string; readonly htu?: string }
  | { readonly kind: "invalid"; readonly reason: string };

/**
 * Checks the gateway credential of a request to this subgraph: issued by the gateway, addressed here,
 * within its 30 seconds, for this very body, and not seen before. Every credential that arrives is spent,
 * whatever the request asks: one seen with a root field cannot be used again for `_entities`.
 */
export function gatewayCredentials(gatewayKey: KeyLike | Uint8Array, subgraphName: string) {
  const used = new OnceOnly();
  const audience = subgraphAudience(subgraphName);
  return async function check(
    credential: string | undefined,
    digest: string | undefined,
  ): Promise<CredentialCheck> {
    if (!credential) return { kind: "none" };
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
      return { kind: "invalid", reason: `The gateway credential is not valid for ${subgraphName}.` };
    }
    let first;
    try {
      first = used.take(String(payload.jti), payload.exp!, undefined);
    } catch (error) {
      if (!(error instanceof OnceOnlyFull)) throw error;
      return { kind: "invalid", reason: "This subgraph holds too many live gateway credentials; try again." };
    }
    if (!first) return { kind: "invalid", reason: "The gateway credential was already used." };
    if (!digest || payload.body !== digest) {
      return { kind: "invalid", reason: "The gateway credential was issued for another request." };
    }
    return {
      kind: "valid",
      tok: typeof payload.tok === "string" ? payload.tok : undefined,
      htu: typeof payload.htu === "string" ? payload.htu : undefined,
    };
  };
}

/**
 * Who calls a subgraph: its gateway credential, checked, and the caller's token, verified for this
 * subgraph's own audience, or for the federation's when a valid credential binds that very token. A token
 * for the federation is thus worth something at a subgraph only as the gateway sent it there: captured by
 * one subgraph, it is refused by every other.
 *
 * A token bound to a key (DPoP) needs, here too, a fresh proof of that key for that token. Through the
 * gateway (a valid credential bound to the token), the proof names the gateway's URL as callers reach it
 * (`urls.gateway`), or the URL the credential names (`htu`: a national subgraph's own, asking for a caller
 * who called it directly), and the gateway has taken or vouched for it. Called directly, the proof names this subgraph's own
 * URL (`urls.own`) and this subgraph takes it once: a proof made for the gateway is worth nothing here
 * without the gateway's credential.
 */
export function requestAuthenticator(
  verify: TokenVerifier,
  gatewayKey: KeyLike | Uint8Array,
  subgraphName: string,
  urls: { gateway: string; own: string },
) {
  const check = gatewayCredentials(gatewayKey, subgraphName);
  const own = subgraphAudience(subgraphName);
  const directProofs = new OnceOnly();
  return async (req: IncomingMessage & { bodyDigest?: string }) => {
    const header = req.headers[GATEWAY_CREDENTIAL_HEADER];
    const credential = await check(typeof header === "string" ? header : undefined, req.bodyDigest);
    const { authorization } = req.headers;
    const bound =
      credential.kind === "valid" && !!authorization && credential.tok === tokenDigest(authorization);
    const auth = await verify(authorization, bound ? [TOKEN_AUDIENCE, own] : [own]);
    // Through the gateway, the proof names the gateway's URL, or the one the gateway vouches for (a
    // national subgraph's own, presenting a proof its caller made for it).
    const proofs = bound
      ? { url: (credential.kind === "valid" && credential.htu) || urls.gateway }
      : { url: urls.own, once: directProofs };
    return { auth: await withProof(auth, req, proofs), credential };
  };
}

/** A token bound to a key stays accepted only with a valid proof of that key (`dpop.ts`). */
async function withProof(
  auth: AuthResult,
  req: IncomingMessage,
  expected: { url: string; once?: OnceOnly },
): Promise<AuthResult> {
  if (auth.kind !== "authenticated" || !auth.principal.keyThumbprint) return auth;
  const header = req.headers[DPOP_HEADER];
  try {
    if (req.method !== "POST")
      throw new ProofRefused("a request with a token bound to a key must be a POST.");
    const proof = await verifyProof(typeof header === "string" ? header : undefined, {
      method: "POST",
      url: expected.url,
      token: bearerToken(req.headers.authorization!)!,
      jkt: auth.principal.keyThumbprint,
    });
    if (expected.once && !expected.once.take(proof.jti, proof.expiresAt, undefined)) {
      throw new ProofRefused("its proof was presented before; sign a new proof for each request.");
    }
    return auth;
  } catch (error) {
    const refusal =
      error instanceof OnceOnlyFull
        ? new ProofRefused("this subgraph holds too many live proofs; try again in a minute.")
        : error;
    if (!(refusal instanceof ProofRefused)) throw refusal;
    return {
      kind: "rejected",
      error: new UnauthenticatedError(`The bearer token was rejected: ${refusal.message}`),
    };
  }
}

/**
 * Serves `_entities` and `_service` only to requests that carry a valid gateway credential for this
 * subgraph, issued for that very request (checked when the context was made), and refuses a request
 * whose credential is not valid. The caller's own token is still verified separately for every field: the
 * credential proves the route, never an identity.
 */
export function gatewayOnlyPlugin(): ApolloServerPlugin<{ credential: CredentialCheck }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          const { credential } = contextValue;
          if (credential.kind === "invalid") throw refusal("UNAUTHENTICATED", credential.reason);
          if (credential.kind === "valid") return;
          const fragments = Object.fromEntries(
            document.definitions
              .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
              .map((d) => [d.name.value, d]),
          );
          const fields = rootFieldNames((operation as OperationDefinitionNode).selectionSet, fragments);
          if (fields.some((f) => GATEWAY_ONLY_FIELDS.has(f))) {
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
