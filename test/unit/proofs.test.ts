import { IncomingMessage } from "node:http";
import { GraphQLError } from "graphql";
import { proofOfPossession } from "../../gateway/src/proofs";
import { newProofKey, ProofKey, signProof } from "../../scripts/national-system/proof-key";
import {
  AuthResult,
  DPOP_HEADER,
  GATEWAY_AUDIENCE,
  SERVICE_CREDENTIAL_HEADER,
  TokenVerifier,
  UnauthenticatedError,
} from "#core";

/**
 * The gateway's half of proof of possession, on its own: which requests go on to be planned. Tokens here
 * are names a stand-in verifier knows (the verifier itself is test/unit/verify-token.test.ts's).
 */
const URL_ = "http://localhost:4000/graphql";
let key: ProofKey;
beforeAll(async () => (key = await newProofKey()));

const principal = (
  issuer: string,
  role: string,
  extra: { keyThumbprint?: string; country?: string; scopes?: string[] } = {},
): AuthResult =>
  ({
    kind: "authenticated",
    principal: { issuer, subject: "s", role, scopes: [], ...extra },
  }) as AuthResult;
/** A verifier that knows a few tokens by name, and checks the audience a forwarder's credential names. */
const verify: TokenVerifier = async (authorization, audiences) => {
  if (authorization === "Bearer bound.officer.token")
    return principal("http://localhost:4002/se", "NCP_OFFICER", { keyThumbprint: key.thumbprint });
  if (authorization === "Bearer unbound.officer.token")
    return principal("http://localhost:4002/se", "NCP_OFFICER");
  const forGateway = audiences?.includes(GATEWAY_AUDIENCE);
  if (forGateway && authorization === "Bearer lithuania.service.credential")
    return principal("urn:cbss-ncp:service:national-lt", "NATIONAL_SYSTEM", {
      country: "LT",
      scopes: ["referrals:read"],
    });
  if (forGateway && authorization === "Bearer poland.service.credential")
    return principal("urn:cbss-ncp:service:national-pl", "NATIONAL_SYSTEM", {
      country: "PL",
      scopes: ["referrals:read"],
    });
  if (forGateway && authorization === "Bearer lithuania.doorbell.credential")
    return principal("urn:cbss-ncp:service:national-lt", "NATIONAL_SYSTEM", {
      country: "LT",
      scopes: ["doorbells:ring"],
    });
  return { kind: "anonymous" };
};
const QUERY = { query: '{ country(code: "LT") { referralRecords(ids: ["x"]) { referralId } } }' };
const MUTATION = { query: "mutation { sweden { createCase(input: {}) { id } } }" };
const request = (headers: Record<string, string>, body: object = QUERY) =>
  ({ method: "POST", headers, body }) as unknown as IncomingMessage;
const proofNow = () => signProof(key, { method: "POST", url: URL_, token: "bound.officer.token" });
const bound = async (extra: Record<string, string> = {}, proof?: string, body?: object) =>
  request(
    { authorization: "Bearer bound.officer.token", [DPOP_HEADER]: proof ?? (await proofNow()), ...extra },
    body,
  );
const codeOf = (error: unknown) => (error as GraphQLError).extensions.code;
/** The check as the gateway's context runs it: the caller's token and the credential beside it, verified. */
function checker(
  perMinute: number,
  options: Parameters<typeof proofOfPossession>[2] = {},
  verifier: TokenVerifier = verify,
) {
  const check = proofOfPossession(URL_, perMinute, options);
  return async (req: IncomingMessage & { body?: unknown }) => {
    const beside = req.headers[SERVICE_CREDENTIAL_HEADER];
    return check(
      req,
      await verifier(req.headers.authorization),
      typeof beside === "string" ? await verifier(`Bearer ${beside}`, [GATEWAY_AUDIENCE]) : undefined,
    );
  };
}
const beside = (credential: string) => ({ [SERVICE_CREDENTIAL_HEADER]: credential });

describe("the gateway's check of proofs of possession", () => {
  it("lets unbound and anonymous requests on, for the subgraphs to judge", async () => {
    const check = checker(600);
    await expect(check(request({ authorization: "Bearer unbound.officer.token" }))).resolves.toBeUndefined();
    await expect(check(request({}))).resolves.toBeUndefined();
  });

  it("refuses a bound token without a proof, and a proof presented again by anyone but its forwarder", async () => {
    const check = checker(600);
    await expect(check(request({ authorization: "Bearer bound.officer.token" }))).rejects.toThrow(
      /without a proof/,
    );
    const proof = await proofNow();
    const taken = await check(await bound({}, proof));
    await expect(check(await bound({}, proof))).rejects.toThrow(/presented before/);
    // Sent on to Lithuania's subgraph only.
    taken!.sentTo("national-lt");
    await expect(check(await bound(beside("lithuania.service.credential"), proof))).resolves.toBeUndefined();
    // Not from a subgraph it was not sent to, nor with a credential that may not read referrals, nor for
    // a mutation, nor beside a person's token.
    for (const [credential, body] of [
      ["poland.service.credential", QUERY],
      ["lithuania.doorbell.credential", QUERY],
      ["lithuania.service.credential", MUTATION],
      ["unbound.officer.token", QUERY],
    ] as const) {
      await expect(check(await bound(beside(credential), proof, body))).rejects.toThrow(/presented before/);
    }
  });

  it("takes on a proof its caller made for a national subgraph called directly, from that subgraph, for a query", async () => {
    const LITHUANIA_URL = "http://127.0.0.1:4107/graphql";
    const check = checker(600, {
      subgraphUrls: new Map([["national-lt", LITHUANIA_URL]]),
    });
    const forLithuania = await signProof(key, {
      method: "POST",
      url: LITHUANIA_URL,
      token: "bound.officer.token",
    });
    // Lithuania's subgraph asks the counterparts, once per country: the gateway vouches for the URL.
    for (let country = 0; country < 2; country++) {
      await expect(
        check(await bound(beside("lithuania.service.credential"), forLithuania)),
      ).resolves.toMatchObject({ url: LITHUANIA_URL });
    }
    await expect(
      check(await bound(beside("lithuania.service.credential"), forLithuania, MUTATION)),
    ).rejects.toThrow(/only for a query/);
    // From anyone else it is a proof for another URL.
    for (const credential of ["poland.service.credential", "lithuania.doorbell.credential"]) {
      await expect(check(await bound(beside(credential), forLithuania))).rejects.toThrow(
        /is for POST http:\/\/127\.0\.0\.1:4107\/graphql, not POST/,
      );
    }
    await expect(check(await bound({}, forLithuania))).rejects.toThrow(/not POST/);
  });

  it("refuses a bound token the gateway cannot verify, rather than let its proof go unchecked", async () => {
    const check = checker(600, {}, async () => ({
      kind: "rejected",
      error: new UnauthenticatedError(
        "The bearer token was rejected: its issuer's published keys could not be fetched.",
      ),
    }));
    const boundClaims = Buffer.from(JSON.stringify({ cnf: { jkt: key.thumbprint } })).toString("base64url");
    const unverifiable = `e30.${boundClaims}.sig`;
    await expect(check(request({ authorization: `Bearer ${unverifiable}` }))).rejects.toThrow(
      /published keys could not be fetched/,
    );
    // An unbound token it cannot verify goes on: each subgraph refuses it with its own reason.
    const unboundClaims = Buffer.from(JSON.stringify({ sub: "x" })).toString("base64url");
    await expect(
      check(request({ authorization: `Bearer e30.${unboundClaims}.sig` })),
    ).resolves.toBeUndefined();
  });

  it("takes one caller's proofs at most as fast as its limit, re-presented ones included, saying when to try again", async () => {
    // 60 a minute: ten at once.
    const check = checker(60);
    for (let i = 0; i < 10; i++) await expect(check(await bound())).resolves.toBeDefined();
    const refusal = await check(await bound()).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(codeOf(refusal)).toBe("RATE_LIMITED");
    expect((refusal as GraphQLError).message).toMatch(
      /faster than the 60 a minute the gateway takes\. Try again in \d+ s\./,
    );
  });

  it("charges nothing for a refused replay, so that no one can spend a caller's allowance with its old proof", async () => {
    const check = checker(60);
    const proof = await proofNow();
    await check(await bound({}, proof));
    for (let i = 0; i < 20; i++)
      await expect(check(await bound({}, proof))).rejects.toThrow(/presented before/);
    await expect(check(await bound())).resolves.toBeDefined();
  });

  it("refuses a bound token on anything but a POST", async () => {
    const check = checker(600);
    const get = { ...(await bound()), method: "GET" } as unknown as IncomingMessage;
    await expect(check(get)).rejects.toThrow(/must be a POST/);
  });

  it("holds at most its capacity of live proofs", async () => {
    const check = checker(600, { capacity: 2 });
    await check(await bound());
    await check(await bound());
    const refusal = await check(await bound()).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(codeOf(refusal)).toBe("RATE_LIMITED");
  });
});
