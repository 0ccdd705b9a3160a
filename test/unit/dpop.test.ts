import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { newProofKey, proofKeyFile, ProofKey, signProof } from "../../scripts/national-system/proof-key";
import { accessTokenHash, OnceOnly, PROOF_MAX_AGE_S, verifyProof } from "#core";

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
    expect(await refusal(await craft({ iat: now - PROOF_MAX_AGE_S - 10 }))).toMatch(
      /made within the last 60 s and not in the future/,
    );
    expect(await refusal(await craft({ iat: now + 120 }))).toMatch(/not in the future/);
    // At the edge of its minute it still holds.
    await expect(
      verifyProof(await craft({ iat: now - PROOF_MAX_AGE_S + 1 }), expected()),
    ).resolves.toBeDefined();
  });

  it("of another type, unsigned, keyed with a shared secret, or carrying a private key, is refused", async () => {
    expect(await refusal(await craft({}, { typ: "JWT" }))).toMatch(/must be of type dpop\+jwt/);
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    expect(await refusal(await craft({}, { jwk: await exportJWK(privateKey) }))).toMatch(
      /must carry the public key/,
    );
    expect(await refusal("not-a-jwt")).toMatch(/not a signed JWT/);
    // alg none, and HS256 keyed with anything, with the bound key in the header.
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const claims = {
      jti: "j",
      htm: "POST",
      htu: URL_,
      ath: accessTokenHash(TOKEN),
      iat: Math.floor(Date.now() / 1000),
    };
    const none = `${encode({ alg: "none", typ: "dpop+jwt", jwk: key.publicJwk })}.${encode(claims)}.`;
    expect(await refusal(none)).toMatch(/proof is not valid/);
    const hmac = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", typ: "dpop+jwt", jwk: key.publicJwk })
      .sign(new TextEncoder().encode("a shared secret anyone could pick"));
    expect(await refusal(hmac)).toMatch(/proof is not valid/);
  });

  it("is remembered, once taken, for as long as it could still verify", async () => {
    const taken = new OnceOnly();
    // 65 s old: within the minute and the clock skew, by whole seconds.
    const old = await verifyProof(
      await craft({ jti: "old", iat: Math.floor(Date.now() / 1000) - 65 }),
      expected(),
    );
    expect(old.expiresAt).toBeGreaterThan(Date.now() / 1000);
    expect(taken.take(old.jti, old.expiresAt, undefined)).toBe(true);
    expect(taken.take(old.jti, old.expiresAt, undefined)).toBe(false);
    const fresh = await verifyProof(
      await signProof(key, { method: "POST", url: URL_, token: TOKEN }),
      expected(),
    );
    expect(taken.take(fresh.jti, fresh.expiresAt, undefined)).toBe(true);
  });

  it("names itself with a short id, which is all that is remembered of it", async () => {
    expect(await refusal(await craft({ jti: "x".repeat(65) }))).toMatch(
      /jti\) must be a string of at most 64/,
    );
    expect(await refusal(await craft({ jti: 42 }))).toMatch(/must be a string/);
  });
});

describe("the ids taken once", () => {
  it("hold at most their capacity of live ids, and refuse more", async () => {
    const { OnceOnlyFull } = await import("#core");
    const taken = new OnceOnly(2);
    const later = Date.now() / 1000 + 60;
    expect(taken.take("a", later, undefined)).toBe(true);
    expect(taken.take("b", later, undefined)).toBe(true);
    expect(() => taken.take("c", later, undefined)).toThrow(OnceOnlyFull);
    // Expired ids make room.
    const expiring = new OnceOnly(1);
    expect(expiring.take("old", Date.now() / 1000 - 1, undefined)).toBe(true);
    expect(expiring.take("new", later, undefined)).toBe(true);
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
