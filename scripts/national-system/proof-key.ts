import { randomUUID } from "node:crypto";
import { readFile, stat, writeFile } from "node:fs/promises";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, JWK, KeyLike, SignJWT } from "jose";
import { accessTokenHash, PROOF_TYPE, proofUrl, TOKEN_ALGORITHM } from "#core";

/*
 * The holder's side of proof of possession (DPoP), for national systems and the tests: a key, kept in a
 * file or made in memory, and a proof signed with it for each request. The services only verify proofs
 * (`packages/core/src/auth/dpop.ts`); the pages make theirs in the browser (`gateway/public/common.js`).
 */

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
  const found = await stat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (found) {
    if (found.mode & 0o077) {
      throw new Error(`The key file ${file} is readable by others: chmod 600 it, or make a new key.`);
    }
    const stored = JSON.parse(await readFile(file, "utf8")) as JWK;
    return proofKeyOf((await importJWK(stored, TOKEN_ALGORITHM)) as KeyLike, stored);
  }
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
