import { GraphQLError } from "graphql";
import { IncomingMessage } from "node:http";
import { GATEWAY_AUDIENCE } from "../../subgraphs/shared/src/auth/gateway-credential";
import { SERVICE_CREDENTIAL_HEADER } from "../../subgraphs/shared/src/auth/keys";
import { DPOP_HEADER, ProofRefused, SpentProofs, verifyProof } from "../../subgraphs/shared/src/auth/dpop";
import { bearerToken, TokenVerifier } from "../../subgraphs/shared/src/auth/verify-token";
import { RateLimitedError } from "../../subgraphs/shared/src/errors";
import { RateLimiter } from "../../subgraphs/shared/src/rate-limit";
import { isService } from "./trusted-operations";

const refused = (reason: string) =>
  new GraphQLError(`The bearer token was rejected: ${reason}`, {
    extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
  });

/**
 * The gateway's half of proof of possession (DPoP, `dpop.ts`): a request whose token is bound to a key
 * must come with a proof of that key for this request, which the gateway takes once. Refused before
 * anything is planned, with UNAUTHENTICATED. A national subgraph asking other countries for its caller
 * sends the caller's proof again, beside its own service credential: that is accepted while the proof is
 * fresh, from a national subgraph only. Tokens that are not bound, or not valid, pass on unchanged: the
 * subgraphs judge them, as every token.
 */
export function proofOfPossession(verify: TokenVerifier, publicUrl: string, proofsPerMinute: number) {
  const spent = new SpentProofs();
  // Each proof is remembered for its minute: one key's proofs are limited as a caller's work is, so that
  // no holder of a bound token can fill the gateway's memory with them.
  const perKey = new RateLimiter(proofsPerMinute, proofsPerMinute / 6);
  return async (req: IncomingMessage): Promise<void> => {
    const { authorization } = req.headers;
    const auth = await verify(authorization);
    if (auth.kind !== "authenticated" || !auth.principal.keyThumbprint) return;
    const jkt = auth.principal.keyThumbprint;
    const header = req.headers[DPOP_HEADER];
    let proof;
    try {
      proof = await verifyProof(typeof header === "string" ? header : undefined, {
        method: req.method ?? "POST",
        url: publicUrl,
        token: bearerToken(authorization!)!,
        jkt,
      });
    } catch (error) {
      if (error instanceof ProofRefused) throw refused(error.message);
      throw error;
    }
    if (!spent.has(proof) && !perKey.take(jkt)) {
      throw new RateLimitedError(
        `This key's proofs come faster than the ${proofsPerMinute} a minute the gateway takes.`,
        perKey.retryAfterSeconds(jkt),
      );
    }
    if (spent.spend(proof)) return;
    const beside = req.headers[SERVICE_CREDENTIAL_HEADER];
    if (typeof beside === "string") {
      const forwarder = await verify(`Bearer ${beside}`, [GATEWAY_AUDIENCE]);
      if (isService(forwarder) && forwarder.principal.role === "NATIONAL_SYSTEM") return;
    }
    throw refused("its proof was presented before; sign a new proof for each request.");
  };
}
