import { GraphQLError, OperationTypeNode, parse } from "graphql";
import { decodeJwt } from "jose";
import { IncomingMessage } from "node:http";
import { findCountry, nationalSubgraphName } from "#schema/registry";
import {
  AuthResult,
  bearerToken,
  boundKey,
  DPOP_HEADER,
  OnceOnly,
  OnceOnlyFull,
  ProofRefused,
  RateLimitedError,
  RateLimiter,
  sameUrl,
  verifyProof,
} from "#core/edge";
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
 * The exceptions to "once": a national subgraph asking other countries for its caller (what the
 * receivers hold of its referrals) sends the caller's token and proof on, beside its own service
 * credential. That is accepted while the proof is fresh, only for a query, only from a subgraph whose
 * credential may read referrals, and only for a proof the gateway sent to that subgraph, or one the caller
 * made for that subgraph's own URL when calling it directly (which that subgraph took once; the gateway
 * then vouches for that URL to the counterparts, in its credential).
 *
 * Each caller's proofs are limited (`proofsPerMinute`, a sixth at once), re-presented ones included, and
 * the gateway remembers at most `capacity` live proofs, so that no holder of bound tokens can fill its
 * memory.
 */
export function proofOfPossession(
  publicUrl: string,
  proofsPerMinute: number,
  options: {
    /** Each subgraph's URL as the gateway reaches it, which is how its direct callers name it. */
    subgraphUrls?: ReadonlyMap<string, string>;
    capacity?: number;
  } = {},
) {
  const taken = new OnceOnly<Set<string>>(options.capacity);
  const perCaller = new RateLimiter(proofsPerMinute, proofsPerMinute / 6);
  /** `auth`: the caller's token, verified; `beside`: the service credential beside it, if one came. */
  return async (
    req: IncomingMessage & { body?: unknown },
    auth: AuthResult,
    beside?: AuthResult,
  ): Promise<TakenProof | undefined> => {
    const { authorization } = req.headers;
    if (auth.kind === "rejected") {
      if (claimsBinding(authorization)) throw refused(auth.error.message.replace(/^.*?rejected: /, ""));
      return undefined;
    }
    if (auth.kind !== "authenticated" || !auth.principal.keyThumbprint) return undefined;
    const { principal } = auth;
    if (req.method !== "POST") throw refused("a request with a token bound to a key must be a POST.");
    const header =
      typeof req.headers[DPOP_HEADER] === "string" ? (req.headers[DPOP_HEADER] as string) : undefined;
    const forwarder = forwardingSubgraph(beside);
    // A caller who called its own subgraph directly made the proof for that subgraph's URL; the subgraph
    // presents it on for the caller.
    const forwarderUrl = forwarder && options.subgraphUrls?.get(forwarder);
    const direct = !!forwarderUrl && sameUrl(claimedUrl(header), forwarderUrl);
    const url = direct ? forwarderUrl : publicUrl;
    let proof;
    try {
      proof = await verifyProof(header, {
        method: "POST",
        url,
        token: bearerToken(authorization!)!,
        jkt: principal.keyThumbprint!,
      });
    } catch (error) {
      if (error instanceof ProofRefused) throw refused(error.message);
      throw error;
    }
    // Charged only for a proof that is accepted: replaying a spent one costs its holder nothing.
    const caller = `${principal.issuer} ${principal.subject}`;
    const charge = () => {
      if (perCaller.take(caller)) return;
      throw new RateLimitedError(
        `This caller's proofs come faster than the ${proofsPerMinute} a minute the gateway takes.`,
        perCaller.retryAfterSeconds(caller),
      );
    };
    // Its subgraph took it once when it was called; here it asks only the counterparts' records.
    if (direct) {
      if (!isQuery(req.body)) throw refused("a proof made for a subgraph is presented on only for a query.");
      charge();
      return { url, sentTo: () => undefined };
    }
    const sentTo = taken.valueOf(proof.jti);
    if (sentTo) {
      if (!forwarder || !sentTo.has(forwarder) || !isQuery(req.body)) {
        throw refused("its proof was presented before; sign a new proof for each request.");
      }
      charge();
      return undefined;
    }
    charge();
    try {
      taken.take(proof.jti, proof.expiresAt, new Set(forwarder ? [forwarder] : []));
    } catch (error) {
      if (!(error instanceof OnceOnlyFull)) throw error;
      throw new RateLimitedError("The gateway holds as many live proofs as it can.", 60);
    }
    const fresh = taken.valueOf(proof.jti)!;
    return { sentTo: (subgraphName) => fresh.add(subgraphName) };
  };
}

/** The URL a proof claims to be for, read before it is verified (to know which URL to verify it for). */
function claimedUrl(proof: string | undefined): string {
  try {
    const { htu } = proof ? decodeJwt(proof) : {};
    return typeof htu === "string" ? htu : "";
  } catch {
    return "";
  }
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
 * The national subgraph that forwards this request for its caller: the one whose service credential comes
 * beside the caller's token, if that credential may read referrals.
 */
function forwardingSubgraph(beside: AuthResult | undefined): string | undefined {
  if (!beside || !isService(beside) || beside.principal.role !== "NATIONAL_SYSTEM") return undefined;
  if (!beside.principal.scopes.includes("referrals:read")) return undefined;
  const country = findCountry(beside.principal.country ?? "");
  return country ? nationalSubgraphName(country) : undefined;
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
