import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from "jose";
import {
  accessTokenHash,
  newProofKey,
  PROOF_MAX_AGE_S,
  proofKeyFile,
  ProofKey,
  signProof,
  SpentProofs,
  verifyProof,
} from "../../subgraphs/shared/src/auth/dpop";

/**
 * Proofs of possession (DPoP, RFC 9449) as the gateway and every subgraph check them: a token bound to a
 * key is worth something only with a proof signed by that key, for this URL and method, this token, now.
 */
const URL_ = "http://localhost:4000/graphql";
const TOKEN = "header.payload.signature";
let key: ProofKey;
beforeAll(async () => (key = await newProofKey()));

const expected = (overrides: Partial<Parameters<typeof verifyProof>[1]> = {}) => ({
  method: "POST",
  url: URL_,
  token: TOKEN,
  jkt: key.thumbprint,
  ...overrides,
});

async function refusal(proof: string | undefined, overrides = {}): Promise<string> {
  try {
    await verifyProof(proof, expected(overrides));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the proof was accepted");
}

/** A proof with chosen claims and header, signed by `key` unless another is given. */
async function craft(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
  signer = key.privateKey,
): Promise<string> {
  return new SignJWT({
    jti: "j-1",
    htm: "POST",
    htu: URL_,
    ath: accessTokenHash(TOKEN),
    iat: Math.floor(Date.now() / 1000),
    ...claims,
  })
    .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: key.publicJwk, ...header })
    .sign(signer);
}

describe("a proof of possession", () => {
  it("signed by the bound key, for this request and token, is accepted, a query string aside", async () => {
    const proof = await signProof(key, { method: "POST", url: `${URL_}?op=x`, token: TOKEN });
    await expect(verifyProof(proof, expected())).resolves.toMatchObject({ jti: expect.any(String) });
  });

  it("is required of a bound token", async () => {
    expect(await refusal(undefined)).toMatch(/bound to a key and came without a proof/);
  });

  it("signed by another key, or carrying another key than it is signed with, is refused", async () => {
    const other = await newProofKey();
    expect(await refusal(await signProof(other, { method: "POST", url: URL_, token: TOKEN }))).toMatch(
      /signed with another key than the one the token is bound to/,
    );
    // The bound key in the header, another key's signature.
    expect(await refusal(await craft({}, {}, other.privateKey))).toMatch(/proof is not valid/);
  });

  it("for another URL, method or token is refused, saying which", async () => {
    expect(await refusal(await craft({ htu: "http://localhost:4000/other" }))).toMatch(
      /is for POST http:\/\/localhost:4000\/other, not POST http:\/\/localhost:4000\/graphql/,
    );
    expect(await refusal(await craft({ htm: "GET" }))).toMatch(/is for GET/);
    expect(await refusal(await craft({ ath: accessTokenHash("another.token.here") }))).toMatch(
      /for another token/,
    );
    expect(await refusal(await craft({ ath: undefined }))).toMatch(/for another token/);
  });

  it("older than its minute, or from the future, is refused", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await refusal(await craft({ iat: now - PROOF_MAX_AGE_S - 10 }))).toMatch(/at most 60 s old/);
    expect(await refusal(await craft({ iat: now + 120 }))).toMatch(/at most 60 s old/);
  });

  it("of another type, unsigned, or carrying a private key, is refused", async () => {
    expect(await refusal(await craft({}, { typ: "JWT" }))).toMatch(/must be of type dpop\+jwt/);
    const unsigned = new UnsecuredJWT({ jti: "j", htm: "POST", htu: URL_, iat: 1 }).encode();
    expect(await refusal(unsigned)).toMatch(/must be of type dpop\+jwt|not a signed JWT/);
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    expect(await refusal(await craft({}, { jwk: await exportJWK(privateKey) }))).toMatch(
      /must carry the public key/,
    );
    expect(await refusal("not-a-jwt")).toMatch(/not a signed JWT/);
  });

  it("is taken once by the gateway", async () => {
    const spent = new SpentProofs();
    const proof = await verifyProof(
      await signProof(key, { method: "POST", url: URL_, token: TOKEN }),
      expected(),
    );
    expect(spent.spend(proof)).toBe(true);
    expect(spent.spend(proof)).toBe(false);
    const another = await verifyProof(
      await signProof(key, { method: "POST", url: URL_, token: TOKEN }),
      expected(),
    );
    expect(spent.spend(another)).toBe(true);
  });
});

describe("a national system's proof key in a file", () => {
  it("is made on first use, readable by its owner only, and the same key after", async () => {
    const dir = mkdtempSync(join(tmpdir(), "proof-key-"));
    try {
      const file = join(dir, "dpop.jwk.json");
      const made = await proofKeyFile(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const again = await proofKeyFile(file);
      expect(again.thumbprint).toBe(made.thumbprint);
      const proof = await signProof(again, { method: "POST", url: URL_, token: TOKEN });
      await expect(verifyProof(proof, expected({ jkt: made.thumbprint }))).resolves.toBeDefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
