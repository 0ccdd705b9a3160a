import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:http";
import { AddressInfo } from "node:net";
import { decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT } from "jose";
import { TOKEN_AUDIENCE } from "#schema/registry";
import {
  AuthResult,
  createTokenVerifier,
  GATEWAY_KEY_ID,
  GATEWAY_SERVICE,
  issuerOf,
  loadSigningKey,
  loadTrustedIssuers,
  serviceKeyOf,
  signServiceToken,
  signToken,
  subgraphAudience,
  TokenRequest,
  TokenVerifier,
} from "#core";
import {
  ensureDevKeys,
  idpKeysDir,
  rotateSigningKey,
  serviceKeysDir,
} from "../../scripts/federation/dev-keys";
import { newProofKey } from "../../scripts/national-system/proof-key";
import { ManagedProcess } from "../../scripts/process/processes";
import { identityProvidersFor, STANDALONE_IDP_ENV } from "../support/federation";
import { forgeToken } from "../support/graphql";

let root: string;
/** The development identity providers' keys, which sign the tokens under test. */
let keysDir: string;
let verify: TokenVerifier;
/** The development identity providers, publishing the key sets of `keysDir` at their `jwks_uri`. */
let providers: ManagedProcess;
const SE_ISSUER = issuerOf("se", STANDALONE_IDP_ENV);
const LITHUANIA = subgraphAudience("national-lt");
const POLAND = subgraphAudience("national-pl");
const signAs = (request: TokenRequest, dir = keysDir) => signToken(dir, request, STANDALONE_IDP_ENV);
/** A token claiming Sweden's identity provider, signed with a key it never published, under key id `kid`. */
const strangerToken = async (kid: string) =>
  new SignJWT({ role: "NCP_OFFICER", country: "SE" })
    .setProtectedHeader({ alg: "ES256", kid })
    .setIssuer(SE_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject("stranger")
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign((await generateKeyPair("ES256")).privateKey);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "ncp-keys-"));
  await ensureDevKeys(root);
  keysDir = idpKeysDir(root);
  providers = await identityProvidersFor(keysDir);
  // As Sweden's subgraph verifies: people's tokens with the issuers' published key sets, services' with
  // the key sets in its own keys folder.
  verify = createTokenVerifier(
    await loadTrustedIssuers(serviceKeysDir(root, "national-se"), { env: STANDALONE_IDP_ENV }),
  );
});
afterAll(async () => {
  await providers.stop();
  rmSync(root, { recursive: true, force: true });
});

const sign = (claims: Record<string, unknown>, options?: Parameters<typeof forgeToken>[2]) =>
  forgeToken(keysDir, claims, { issuer: issuerOf(options?.keyId ?? "se", STANDALONE_IDP_ENV), ...options });

function rejectionOf(result: AuthResult): string {
  if (result.kind !== "rejected") throw new Error(`expected a rejection, got ${result.kind}`);
  expect(result.error.extensions.code).toBe("UNAUTHENTICATED");
  return result.error.message;
}

describe("token verification in a national subgraph", () => {
  it("accepts a country's officer token and reads role and country from it", async () => {
    const token = await signAs({ role: "NCP_OFFICER", country: "SE" });
    const result = await verify(`Bearer ${token}`);
    expect(result).toMatchObject({
      kind: "authenticated",
      principal: { role: "NCP_OFFICER", country: "SE" },
    });
  });

  it("accepts an RFP token from the Children's Unit, without a country", async () => {
    const token = await signAs({ role: "RFP_ANALYST" });
    const result = await verify(`Bearer ${token}`);
    expect(result).toMatchObject({ kind: "authenticated", principal: { role: "RFP_ANALYST" } });
    expect(result.kind === "authenticated" && result.principal.country).toBeUndefined();
  });

  it("treats a missing header as anonymous", async () => {
    expect(await verify(undefined)).toEqual({ kind: "anonymous" });
  });

  it("rejects a malformed header or token", async () => {
    expect(rejectionOf(await verify("Token abc"))).toMatch(/Bearer/);
    expect(rejectionOf(await verify("Bearer not-a-jwt"))).toMatch(/not a JWT/);
  });

  it("rejects an expired token", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await sign({ role: "NCP_OFFICER", country: "SE" }, { iat: now - 7200, exp: now - 3600 });
    expect(rejectionOf(await verify(`Bearer ${token}`))).toMatch(/expired/);
  });

  it("refuses a token issued in the future or valid for longer than a token may be, within the clock skew", async () => {
    const now = Math.floor(Date.now() / 1000);
    const officer = { role: "NCP_OFFICER", country: "SE" };
    const aYearAhead = await sign(officer, { iat: now + 365 * 86_400, exp: now + 366 * 86_400 });
    expect(rejectionOf(await verify(`Bearer ${aYearAhead}`))).toMatch(/claim 'iat' is invalid/);
    const aCenturyLong = await sign(officer, { iat: now, exp: now + 100 * 365 * 86_400 });
    expect(rejectionOf(await verify(`Bearer ${aCenturyLong}`))).toMatch(/valid for longer than the 12 hours/);
    const issuedLongAgo = await sign(officer, { iat: now - 13 * 3600, exp: now + 3600 });
    expect(rejectionOf(await verify(`Bearer ${issuedLongAgo}`))).toMatch(/expired|longer than/);
    // A working day's token, from an issuer whose clock runs 30 s ahead, is accepted.
    const skewed = await sign(officer, { iat: now + 30, exp: now + 30 + 12 * 3600 });
    expect(await verify(`Bearer ${skewed}`)).toMatchObject({ kind: "authenticated" });
  });

  it("rejects an unknown issuer", async () => {
    const token = await sign({ role: "NCP_OFFICER", country: "SE" }, { issuer: "urn:someone-else" });
    expect(rejectionOf(await verify(`Bearer ${token}`))).toMatch(/not a trusted identity provider/);
  });

  it("rejects a token signed with a key that is not the issuer's", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    const token = await new SignJWT({ role: "NCP_OFFICER", country: "SE" })
      .setProtectedHeader({ alg: "ES256" })
      .setIssuer(SE_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject("forger")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(privateKey);
    expect(rejectionOf(await verify(`Bearer ${token}`))).toMatch(/signature/);
  });

  it("rejects a country claim that does not match the issuer", async () => {
    const token = await sign({ role: "NCP_OFFICER", country: "LT" });
    expect(rejectionOf(await verify(`Bearer ${token}`))).toMatch(/does not match issuer/);
  });

  it("rejects an RFP role issued by a country, and an unknown role", async () => {
    expect(rejectionOf(await verify(`Bearer ${await sign({ role: "RFP_ANALYST" })}`))).toMatch(
      /Children's Unit/,
    );
    expect(rejectionOf(await verify(`Bearer ${await sign({ role: "ADMIN", country: "SE" })}`))).toMatch(
      /unknown/,
    );
  });

  it("rejects an unsigned (alg: none) token", async () => {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const token = `${encode({ alg: "none", typ: "JWT" })}.${encode({
      iss: SE_ISSUER,
      aud: TOKEN_AUDIENCE,
      sub: "x",
      role: "NCP_OFFICER",
      country: "SE",
      iat: now,
      exp: now + 600,
    })}.`;
    rejectionOf(await verify(`Bearer ${token}`));
  });

  it("rejects an HS256 token whose secret is the issuer's public key (algorithm confusion)", async () => {
    const publicJwk = JSON.parse(readFileSync(join(keysDir, "se.jwks.json"), "utf8")).keys[0];
    const token = await new SignJWT({ role: "NCP_OFFICER", country: "SE" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(SE_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject("confused")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
    expect(rejectionOf(await verify(`Bearer ${token}`))).toMatch(/only ES256/);
  });

  it("rejects a token that is not valid yet", async () => {
    const key = await loadSigningKey(keysDir, "se");
    const token = await new SignJWT({ role: "NCP_OFFICER", country: "SE" })
      .setProtectedHeader({ alg: "ES256" })
      .setIssuer(SE_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject("early")
      .setIssuedAt()
      .setNotBefore("1h")
      .setExpirationTime("2h")
      .sign(key);
    expect(rejectionOf(await verify(`Bearer ${token}`))).toMatch(/claim 'nbf'/);
  });

  it("rejects a token for another audience", async () => {
    const key = await loadSigningKey(keysDir, "se");
    const token = await new SignJWT({ role: "NCP_OFFICER", country: "SE" })
      .setProtectedHeader({ alg: "ES256" })
      .setIssuer(SE_ISSUER)
      .setAudience("urn:some-other-system")
      .setSubject("elsewhere")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(key);
    expect(rejectionOf(await verify(`Bearer ${token}`))).toMatch(
      /it is for urn:some-other-system, not for urn:cbss-ncp:federation/,
    );
  });

  it("verifies by key id, and after a rotation accepts tokens of the old key and of the new one", async () => {
    // A verifier that fetches the issuer's key set again at the first unknown key id, with no wait.
    const verifyHere = createTokenVerifier(
      await loadTrustedIssuers(serviceKeysDir(root, "national-se"), {
        env: STANDALONE_IDP_ENV,
        reloadIntervalMs: 0,
      }),
    );
    {
      const before = await signAs({ role: "NCP_OFFICER", country: "SE" });
      const oldKid = decodeProtectedHeader(before).kid;
      expect(oldKid).toBeTruthy();

      // Known before the rotation: the verifier holds the old key set.
      expect(await verifyHere(`Bearer ${before}`)).toMatchObject({ kind: "authenticated" });
      const newKid = await rotateSigningKey(root, "se");
      expect(newKid).not.toBe(oldKid);
      const after = await signAs({ role: "NCP_OFFICER", country: "SE" });
      expect(decodeProtectedHeader(after).kid).toBe(newKid);

      for (const token of [before, after]) {
        expect(await verifyHere(`Bearer ${token}`)).toMatchObject({ kind: "authenticated" });
      }
      // A key id the issuer never published is refused.
      const unknown = await strangerToken("not-a-published-key");
      expect(rejectionOf(await verifyHere(`Bearer ${unknown}`))).toMatch(/key id is not among the keys/);
    }
  });

  it("fetches an issuer's key set at most once an interval, however many unknown key ids a caller's tokens name", async () => {
    // A stand-in issuer on loopback that counts how often its key set is read.
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    const published = {
      keys: [{ ...(await exportJWK(publicKey)), kid: "current", alg: "ES256", use: "sig" }],
    };
    let keySetReads = 0;
    const RELOAD_MS = 250;
    const server = createServer((request, response) => {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/se`;
      response.setHeader("content-type", "application/json");
      if (request.url === "/se/.well-known/openid-configuration")
        response.end(JSON.stringify({ issuer: base, jwks_uri: `${base}/jwks` }));
      else if (request.url === "/se/jwks") {
        keySetReads += 1;
        response.end(JSON.stringify(published));
      } else response.writeHead(404).end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const env = { IDP_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
      const verifyHere = createTokenVerifier(
        await loadTrustedIssuers(serviceKeysDir(root, "national-se"), { env, reloadIntervalMs: RELOAD_MS }),
      );
      const tokenWithKeyId = (kid: string) =>
        new SignJWT({ role: "NCP_OFFICER", country: "SE" })
          .setProtectedHeader({ alg: "ES256", kid })
          .setIssuer(issuerOf("se", env))
          .setAudience(TOKEN_AUDIENCE)
          .setSubject("officer.se")
          .setIssuedAt()
          .setExpirationTime("1h")
          .sign(privateKey);
      expect(await verifyHere(`Bearer ${await tokenWithKeyId("current")}`)).toMatchObject({
        kind: "authenticated",
      });
      expect(keySetReads).toBe(1);

      // A caller sending one forged token after another, each with a key id the issuer never published.
      const started = Date.now();
      for (let i = 0; i < 12; i++) {
        const result = await verifyHere(`Bearer ${await tokenWithKeyId(`forged-${i}`)}`);
        expect(rejectionOf(result)).toMatch(/key id is not among the keys/);
      }
      const intervals = Math.floor((Date.now() - started) / RELOAD_MS);
      // Twelve unknown key ids cost the issuer at most one read of its key set per interval.
      expect(keySetReads - 1).toBeGreaterThanOrEqual(1);
      expect(keySetReads - 1).toBeLessThanOrEqual(intervals + 1);
      // The keys in use are still known.
      expect(await verifyHere(`Bearer ${await tokenWithKeyId("current")}`)).toMatchObject({
        kind: "authenticated",
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("keeps verifying with the keys it knows while the issuer is down, whatever key ids forged tokens name", async () => {
    const verifyHere = createTokenVerifier(
      await loadTrustedIssuers(serviceKeysDir(root, "national-se"), {
        env: STANDALONE_IDP_ENV,
        reloadIntervalMs: 0,
      }),
    );
    const token = await signAs({ role: "NCP_OFFICER", country: "SE" });
    expect(await verifyHere(`Bearer ${token}`)).toMatchObject({ kind: "authenticated" });
    await providers.stop();
    try {
      const forged = await strangerToken("forged-to-force-a-fetch");
      expect(rejectionOf(await verifyHere(`Bearer ${forged}`))).toMatch(/could not be fetched/);
      expect(await verifyHere(`Bearer ${token}`)).toMatchObject({ kind: "authenticated" });
    } finally {
      providers = await identityProvidersFor(keysDir);
    }
  });

  it("refuses, saying why, when the issuer's published keys cannot be fetched", async () => {
    // An issuer at a loopback port where nothing listens.
    const unreachable = { IDP_URL: "http://localhost:9" };
    const verifyHere = createTokenVerifier(
      await loadTrustedIssuers(serviceKeysDir(root, "national-se"), { env: unreachable }),
    );
    const token = await signToken(keysDir, { role: "NCP_OFFICER", country: "SE" }, unreachable);
    expect(rejectionOf(await verifyHere(`Bearer ${token}`))).toMatch(/published keys could not be fetched/);
  });

  it("accepts a national subgraph's service credential only as its own country's national system", async () => {
    const sweden = serviceKeyOf("national-se");
    const dir = serviceKeysDir(root, "national-se");
    const own = await signServiceToken(dir, sweden, {
      role: "NATIONAL_SYSTEM",
      subject: "service:national-se",
      scopes: ["referrals:read"],
      expiresIn: "1m",
      audience: LITHUANIA,
    });
    expect(await verify(`Bearer ${own}`, [LITHUANIA])).toMatchObject({
      kind: "authenticated",
      principal: { role: "NATIONAL_SYSTEM", country: "SE", scopes: ["referrals:read"] },
    });
    // It names the one service it calls: worth nothing at another, nor for the whole federation.
    expect(rejectionOf(await verify(`Bearer ${own}`, [POLAND]))).toMatch(
      /it is for urn:cbss-ncp:subgraph:national-lt, not for urn:cbss-ncp:subgraph:national-pl/,
    );
    const everywhere = await signServiceToken(dir, sweden, {
      role: "NATIONAL_SYSTEM",
      subject: "service:national-se",
      scopes: ["referrals:read"],
      expiresIn: "1m",
      audience: TOKEN_AUDIENCE,
    });
    expect(rejectionOf(await verify(`Bearer ${everywhere}`))).toMatch(/must name the service it calls/);
    // Nor any scope beyond what a subgraph asks another as itself.
    const writer = await signServiceToken(dir, sweden, {
      role: "NATIONAL_SYSTEM",
      subject: "service:national-se",
      scopes: ["referrals:read", "cases:write"],
      expiresIn: "1m",
      audience: LITHUANIA,
    });
    expect(rejectionOf(await verify(`Bearer ${writer}`, [LITHUANIA]))).toMatch(
      /may not grant scope 'cases:write'/,
    );
    // The same key cannot make an officer or an analyst.
    for (const role of ["NCP_OFFICER", "RFP_ANALYST"] as const) {
      const token = await signServiceToken(dir, sweden, {
        role,
        subject: "service:national-se",
        expiresIn: "1m",
        audience: LITHUANIA,
      });
      expect(rejectionOf(await verify(`Bearer ${token}`, [LITHUANIA]))).toMatch(
        /service credential and may not issue role/,
      );
    }
  });

  it("accepts a token for the federation only where the caller says it may (through the gateway), and says why not", async () => {
    const officer = await signAs({ role: "NCP_OFFICER", country: "SE" });
    expect(rejectionOf(await verify(`Bearer ${officer}`, [LITHUANIA]))).toMatch(
      /it is for the federation, which a subgraph accepts only through the gateway; to call this subgraph directly, ask for a token for urn:cbss-ncp:subgraph:national-lt/,
    );
    const direct = await signAs({ role: "NATIONAL_SYSTEM", country: "SE", audience: LITHUANIA });
    expect((await verify(`Bearer ${direct}`, [LITHUANIA])).kind).toBe("authenticated");
    expect(rejectionOf(await verify(`Bearer ${direct}`))).toMatch(/not for urn:cbss-ncp:federation/);
  });

  it("where proof of possession is required, refuses a person's unbound token, not a service credential's", async () => {
    const strict = createTokenVerifier(
      await loadTrustedIssuers(serviceKeysDir(root, "national-se"), { env: STANDALONE_IDP_ENV }),
      [TOKEN_AUDIENCE, LITHUANIA],
      true,
    );
    const unbound = await signAs({ role: "NCP_OFFICER", country: "SE" });
    expect(rejectionOf(await strict(`Bearer ${unbound}`))).toMatch(
      /must be bound to its holder's key \(DPoP, RFC 9449\)/,
    );
    const key = await newProofKey();
    const bound = await signAs({ role: "NCP_OFFICER", country: "SE", keyThumbprint: key.thumbprint });
    expect(await strict(`Bearer ${bound}`)).toMatchObject({
      kind: "authenticated",
      principal: { role: "NCP_OFFICER", keyThumbprint: key.thumbprint },
    });
    // Sweden's subgraph asking Lithuania: minutes long, for one subgraph, held by no person.
    const service = await signServiceToken(serviceKeysDir(root, "national-se"), serviceKeyOf("national-se"), {
      role: "NATIONAL_SYSTEM",
      subject: "service:national-se",
      scopes: ["referrals:read"],
      expiresIn: "1m",
      audience: LITHUANIA,
    });
    expect(await strict(`Bearer ${service}`)).toMatchObject({ kind: "authenticated" });
    // Where it is optional (development, the tests), an unbound token is accepted as before.
    expect(await verify(`Bearer ${unbound}`)).toMatchObject({ kind: "authenticated" });
  });

  it("accepts the directory's witness key only for reading as an RFP analyst", async () => {
    const witness = serviceKeyOf("directory");
    const dir = serviceKeysDir(root, "directory");
    const token = await signServiceToken(dir, witness, {
      role: "RFP_ANALYST",
      subject: "witness",
      expiresIn: "1m",
      audience: TOKEN_AUDIENCE,
    });
    expect(await verify(`Bearer ${token}`)).toMatchObject({
      kind: "authenticated",
      principal: { role: "RFP_ANALYST" },
    });
    const coordinator = await signServiceToken(dir, witness, {
      role: "RFP_COORDINATOR",
      subject: "witness",
      expiresIn: "1m",
      audience: TOKEN_AUDIENCE,
    });
    expect(rejectionOf(await verify(`Bearer ${coordinator}`))).toMatch(/may not issue role RFP_COORDINATOR/);
  });

  it("never accepts the gateway's credential key as an identity provider", async () => {
    const key = await loadSigningKey(serviceKeysDir(root, GATEWAY_SERVICE), GATEWAY_KEY_ID);
    const token = await new SignJWT({ role: "RFP_ANALYST" })
      .setProtectedHeader({ alg: "ES256" })
      .setIssuer("urn:cbss-ncp:gateway")
      .setAudience(TOKEN_AUDIENCE)
      .setSubject("gateway")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(key);
    expect(rejectionOf(await verify(`Bearer ${token}`))).toMatch(/not a trusted identity provider/);
  });
});
