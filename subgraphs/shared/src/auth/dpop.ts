import { createHash, randomUUID } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import {
  calculateJwkThumbprint,
  decodeProtectedHeader,
  EmbeddedJWK,
  exportJWK,
  generateKeyPair,
  importJWK,
  JWK,
  jwtVerify,
  KeyLike,
  SignJWT,
} from "jose";
import { TOKEN_ALGORITHM } from "./keys";

/**
 * Proof of possession (DPoP, RFC 9449). A token bound to a key (its `cnf.jkt`, the key's thumbprint) is
 * worth something only with a proof, signed by that key, for the request it comes with: its method and
 * URL (`htm`, `htu`), the token itself (`ath`), fresh (`iat`), and naming itself (`jti`) so that the gateway
 * takes each proof once. Whoever captures a bound token, at a subgraph, at the hub or on the way, holds
 * no key to prove it with.
 */
export const DPOP_HEADER = "dpop";
export const PROOF_TYPE = "dpop+jwt";
/** How old a proof may be, and how far ahead of this clock it may claim to be. */
export const PROOF_MAX_AGE_S = 60;
const CLOCK_SKEW_S = 5;

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
 * `ProofRefused` saying why; never spends the proof (the gateway does).
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
      `its proof is not valid: signed with ${TOKEN_ALGORITHM} by the key it carries, at most ${PROOF_MAX_AGE_S} s old.`,
    );
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
  return { jti: claims.jti!, expiresAt: claims.iat! + PROOF_MAX_AGE_S + CLOCK_SKEW_S };
}

function sameUrl(named: string, expected: string): boolean {
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

/**
 * Proofs already presented, each until it expires: the gateway takes a proof once. Remembered in the order
 * they arrive, so the expired ones are at the front.
 */
export class SpentProofs {
  private readonly spent = new Map<string, number>();

  /** Whether the proof was presented before. */
  has(proof: Proof): boolean {
    return this.spent.has(proof.jti);
  }

  /** True the first time a proof is presented, false after. */
  spend(proof: Proof): boolean {
    const now = Date.now() / 1000;
    for (const [jti, expiresAt] of this.spent) {
      if (expiresAt >= now) break;
      this.spent.delete(jti);
    }
    if (this.spent.has(proof.jti)) return false;
    this.spent.set(proof.jti, proof.expiresAt);
    return true;
  }
}

/** A holder's proof-of-possession key: the private half signs, the public half rides in each proof. */
export interface ProofKey {
  readonly privateKey: KeyLike;
  readonly publicJwk: JWK;
  /** What a token bound to it names (`cnf.jkt`). */
  readonly thumbprint: string;
}

/** A new proof-of-possession key (tests, and `proofKeyFile` on first use). */
export async function newProofKey(): Promise<ProofKey> {
  const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
  return proofKeyOf(privateKey, await exportJWK(publicKey));
}

async function proofKeyOf(privateKey: KeyLike, jwk: JWK): Promise<ProofKey> {
  const { kty, crv, x, y } = jwk;
  const publicJwk = { kty, crv, x, y };
  return { privateKey, publicJwk, thumbprint: await calculateJwkThumbprint(publicJwk, "sha256") };
}

/**
 * A national system's proof-of-possession key, kept in `file` (a private JWK, readable by its owner only),
 * made there on first use: `npm run token -- --dpop-key <file>` binds a token to it, and the system signs
 * each request's proof with it.
 */
export async function proofKeyFile(file: string): Promise<ProofKey> {
  const stored = await readFile(file, "utf8").then(
    (text) => JSON.parse(text) as JWK,
    () => undefined,
  );
  if (stored) return proofKeyOf((await importJWK(stored, TOKEN_ALGORITHM)) as KeyLike, stored);
  const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
  await writeFile(file, JSON.stringify(await exportJWK(privateKey)), { mode: 0o600, flag: "wx" });
  return proofKeyOf(privateKey, await exportJWK(publicKey));
}

/** Signs a proof for one request (national systems, tests): the key's public half rides in its header. */
export async function signProof(
  key: ProofKey,
  request: { method: string; url: string; token: string },
): Promise<string> {
  return new SignJWT({
    htm: request.method,
    htu: proofUrl(request.url),
    ath: accessTokenHash(request.token),
  })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: PROOF_TYPE, jwk: key.publicJwk })
    .setJti(randomUUID())
    .setIssuedAt()
    .sign(key.privateKey);
}
