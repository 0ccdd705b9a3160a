import { GraphQLError, OperationTypeNode, parse } from "graphql";
import { decodeJwt } from "jose";
import { IncomingMessage } from "node:http";
import { findCountry, nationalSubgraphName } from "../../schema/registry";
import { boundKey, DPOP_HEADER, ProofRefused, verifyProof } from "../../subgraphs/shared/src/auth/dpop";
import { GATEWAY_AUDIENCE } from "../../subgraphs/shared/src/auth/gateway-credential";
import { SERVICE_CREDENTIAL_HEADER } from "../../subgraphs/shared/src/auth/keys";
import { OnceOnly, OnceOnlyFull } from "../../subgraphs/shared/src/auth/once-only";
import { bearerToken, TokenVerifier } from "../../subgraphs/shared/src/auth/verify-token";
import { RateLimitedError } from "../../subgraphs/shared/src/errors";
import { RateLimiter } from "../../subgraphs/shared/src/rate-limit";
import { TakenProof } from "./subgraph-data-source";
import { isService } from "./trusted-operations";

const refused = (reason: string) =>
  new GraphQLError(`The bearer token was rejected: ${reason}`, {
    extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
  });

/**
 * The gateway's half of proof of possession (`dpop.ts`): a request whose token is bound to a key must come
 * with a proof of that key, for `POST` at the gateway's public URL, which the gateway takes once. Refused
 * before anything is planned, with UNAUTHENTICATED; a bound token the gateway cannot verify is refused too
 * (its proof could not be checked here). Unbound tokens pass on: the subgraphs judge them, as every token.
 *
 * The one exception to "once": a national subgraph asking other countries for its caller (what the
 * receivers hold of its referrals) sends the caller's token and proof on, beside its own service
 * credential. That is accepted while the proof is fresh, only from a subgraph the gateway sent that very
 * proof to, whose credential may read referrals, and only for a query.
 *
 * Each caller's proofs are limited (`proofsPerMinute`, a sixth at once), re-presented ones included, and
 * the gateway remembers at most `capacity` live proofs, so that no holder of bound tokens can fill its
 * memory.
 */
export function proofOfPossession(
  verify: TokenVerifier,
  publicUrl: string,
  proofsPerMinute: number,
  capacity?: number,
) {
  const taken = new OnceOnly<Set<string>>(capacity);
  const perCaller = new RateLimiter(proofsPerMinute, proofsPerMinute / 6);
  return async (req: IncomingMessage & { body?: unknown }): Promise<TakenProof | undefined> => {
    const { authorization } = req.headers;
    const auth = await verify(authorization);
    if (auth.kind === "rejected") {
      if (claimsBinding(authorization)) throw refused(auth.error.message.replace(/^.*?rejected: /, ""));
      return undefined;
    }
    if (auth.kind !== "authenticated" || !auth.principal.keyThumbprint) return undefined;
    const { principal } = auth;
    const header = req.headers[DPOP_HEADER];
    let proof;
    try {
      proof = await verifyProof(typeof header === "string" ? header : undefined, {
        method: "POST",
        url: publicUrl,
        token: bearerToken(authorization!)!,
        jkt: principal.keyThumbprint!,
      });
    } catch (error) {
      if (error instanceof ProofRefused) throw refused(error.message);
      throw error;
    }
    const caller = `${principal.issuer} ${principal.subject}`;
    if (!perCaller.take(caller)) {
      throw new RateLimitedError(
        `This caller's proofs come faster than the ${proofsPerMinute} a minute the gateway takes.`,
        perCaller.retryAfterSeconds(caller),
      );
    }
    let first;
    try {
      first = taken.take(proof.jti, proof.expiresAt, new Set());
    } catch (error) {
      if (!(error instanceof OnceOnlyFull)) throw error;
      throw new RateLimitedError("The gateway holds as many live proofs as it can.", 60);
    }
    if (first) {
      const sentTo = taken.valueOf(proof.jti)!;
      return { sentTo: (subgraphName) => sentTo.add(subgraphName) };
    }
    if (await isForwardedByItsSubgraph(req, verify, taken.valueOf(proof.jti))) return undefined;
    throw refused("its proof was presented before; sign a new proof for each request.");
  };
}

/** Whether a token the gateway could not verify claims a key binding: then it is refused here. */
function claimsBinding(authorization: string | undefined): boolean {
  const token = authorization ? bearerToken(authorization) : undefined;
  try {
    return !!token && !!boundKey(decodeJwt(token));
  } catch {
    return false;
  }
}

/**
 * A proof presented again is accepted only from a national subgraph the gateway sent it to, with a service
 * credential that may read referrals, asking a query.
 */
async function isForwardedByItsSubgraph(
  req: IncomingMessage & { body?: unknown },
  verify: TokenVerifier,
  sentTo: ReadonlySet<string> | undefined,
): Promise<boolean> {
  const beside = req.headers[SERVICE_CREDENTIAL_HEADER];
  if (typeof beside !== "string" || !sentTo) return false;
  const forwarder = await verify(`Bearer ${beside}`, [GATEWAY_AUDIENCE]);
  if (!isService(forwarder) || forwarder.principal.role !== "NATIONAL_SYSTEM") return false;
  if (!forwarder.principal.scopes.includes("referrals:read")) return false;
  const country = findCountry(forwarder.principal.country ?? "");
  if (!country || !sentTo.has(nationalSubgraphName(country))) return false;
  return isQuery(req.body);
}

function isQuery(body: unknown): boolean {
  const query = (body as { query?: unknown } | undefined)?.query;
  if (typeof query !== "string") return false;
  try {
    return parse(query).definitions.every(
      (d) => d.kind !== "OperationDefinition" || d.operation === OperationTypeNode.QUERY,
    );
  } catch {
    return false;
  }
}
