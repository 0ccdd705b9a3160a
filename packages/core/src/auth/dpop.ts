import { createHash } from "node:crypto";
import { calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, JWK, jwtVerify } from "jose";
import { TOKEN_ALGORITHM } from "./keys";

/**
 * Proof of possession (DPoP, RFC 9449). A token bound to a key (its `cnf.jkt`, the key's thumbprint) is
 * worth something only with a proof, signed by that key, for the request it comes with: its method and
 * URL (`htm`, `htu`), the token itself (`ath`), fresh (`iat`), and naming itself (`jti`) so that each
 * proof is taken once (`once-only.ts`), by the gateway or by a subgraph called directly. Whoever captures a bound token, at a subgraph, at the hub or on the way, holds
 * no key to prove it with.
 */
export const DPOP_HEADER = "dpop";
export const PROOF_TYPE = "dpop+jwt";
/** How old a proof may be, and how far ahead of this clock it may claim to be. */
export const PROOF_MAX_AGE_S = 60;
const CLOCK_SKEW_S = 5;
/**
 * Until when a proof is remembered once taken: as long as it can verify (jose compares whole seconds, so
 * one more), so that it is never forgotten while it could still be presented.
 */
const REMEMBERED_S = PROOF_MAX_AGE_S + CLOCK_SKEW_S + 1;
/** A proof's id is a nonce (a UUID is 36 characters): a longer one is refused rather than remembered. */
const MAX_JTI_LENGTH = 64;

/** What a proof's `ath` must be: the SHA-256 of the access token, base64url. */
export const accessTokenHash = (token: string) => createHash("sha256").update(token).digest("base64url");

/** The URL a proof names, as RFC 9449 compares it: no query, no fragment. */
export function proofUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/** A proof that held: its id (for the gateway's once-only check) and until when it may be presented. */
export interface Proof {
  readonly jti: string;
  readonly expiresAt: number;
}

/** A proof that did not hold, and why, in words a caller can act on. */
export class ProofRefused extends Error {}

/**
 * Checks the DPoP proof of a request whose token is bound to the key thumbprint `jkt`. Throws
 * `ProofRefused` saying why; taking it once is the caller's part (`once-only.ts`).
 */
export async function verifyProof(
  proof: string | undefined,
  expected: { method: string; url: string; token: string; jkt: string },
): Promise<Proof> {
  if (!proof) {
    throw new ProofRefused(
      `it is bound to a key and came without a proof of it (the ${DPOP_HEADER} header).`,
    );
  }
  let jwk: JWK | undefined;
  try {
    const header = decodeProtectedHeader(proof);
    if (header.typ !== PROOF_TYPE) throw new ProofRefused(`its proof must be of type ${PROOF_TYPE}.`);
    jwk = header.jwk;
  } catch (error) {
    if (error instanceof ProofRefused) throw error;
    throw new ProofRefused("its proof is not a signed JWT.");
  }
  if (!jwk || "d" in jwk) throw new ProofRefused("its proof must carry the public key it is signed with.");
  if ((await calculateJwkThumbprint(jwk, "sha256")) !== expected.jkt) {
    throw new ProofRefused("its proof is signed with another key than the one the token is bound to.");
  }
  let claims;
  try {
    ({ payload: claims } = await jwtVerify(proof, EmbeddedJWK, {
      typ: PROOF_TYPE,
      algorithms: [TOKEN_ALGORITHM],
      requiredClaims: ["jti", "iat", "htm", "htu"],
      maxTokenAge: PROOF_MAX_AGE_S,
      clockTolerance: CLOCK_SKEW_S,
    }));
  } catch {
    throw new ProofRefused(
      `its proof is not valid: signed with ${TOKEN_ALGORITHM} by the key it carries, made within the last ` +
        `${PROOF_MAX_AGE_S} s and not in the future.`,
    );
  }
  if (typeof claims.jti !== "string" || !claims.jti || claims.jti.length > MAX_JTI_LENGTH) {
    throw new ProofRefused(`its proof's id (jti) must be a string of at most ${MAX_JTI_LENGTH} characters.`);
  }
  if (
    claims.htm !== expected.method ||
    typeof claims.htu !== "string" ||
    !sameUrl(claims.htu, expected.url)
  ) {
    throw new ProofRefused(
      `its proof is for ${claims.htm} ${claims.htu}, not ${expected.method} ${expected.url}.`,
    );
  }
  if (claims.ath !== accessTokenHash(expected.token))
    throw new ProofRefused("its proof is for another token.");
  return { jti: claims.jti, expiresAt: claims.iat! + REMEMBERED_S };
}

/** Whether two URLs are the same as RFC 9449 compares them (no query, no fragment); false for a non-URL. */
export function sameUrl(named: string, expected: string): boolean {
  try {
    return proofUrl(named) === proofUrl(expected);
  } catch {
    return false;
  }
}

/** The key thumbprint a verified token is bound to, if it is (`cnf.jkt`). */
export function boundKey(claims: Record<string, unknown>): string | undefined {
  const cnf = claims.cnf as { jkt?: unknown } | undefined;
  return typeof cnf?.jkt === "string" ? cnf.jkt : undefined;
}
