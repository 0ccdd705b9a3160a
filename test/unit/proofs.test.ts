import { IncomingMessage } from "node:http";
import { GraphQLError } from "graphql";
import { proofOfPossession } from "../../gateway/src/proofs";
import { DPOP_HEADER, newProofKey, ProofKey, signProof } from "../../subgraphs/shared/src/auth/dpop";
import { SERVICE_CREDENTIAL_HEADER } from "../../subgraphs/shared/src/auth/keys";
import { AuthResult, TokenVerifier } from "../../subgraphs/shared/src/auth/verify-token";

/**
 * The gateway's half of proof of possession, on its own: which requests go on to be planned. Tokens here
 * are names a stand-in verifier knows (the verifier itself is test/unit/verify-token.test.ts's).
 */
const URL_ = "http://localhost:4000/graphql";
let key: ProofKey;
beforeAll(async () => (key = await newProofKey()));

const principal = (issuer: string, role: string, keyThumbprint?: string): AuthResult =>
  ({
    kind: "authenticated",
    principal: { issuer, subject: "s", role, scopes: [], keyThumbprint },
  }) as AuthResult;
const verify: TokenVerifier = async (authorization) => {
  if (authorization === "Bearer bound.officer.token")
    return principal("http://localhost:4002/se", "NCP_OFFICER", key.thumbprint);
  if (authorization === "Bearer unbound.officer.token")
    return principal("http://localhost:4002/se", "NCP_OFFICER");
  if (authorization === "Bearer sweden.service.credential")
    return principal("urn:cbss-ncp:service:national-se", "NATIONAL_SYSTEM");
  return { kind: "anonymous" };
};
const request = (headers: Record<string, string>) =>
  ({ method: "POST", headers }) as unknown as IncomingMessage;
const bound = async (extra: Record<string, string> = {}, proof?: string) =>
  request({
    authorization: "Bearer bound.officer.token",
    [DPOP_HEADER]:
      proof ?? (await signProof(key, { method: "POST", url: URL_, token: "bound.officer.token" })),
    ...extra,
  });
const codeOf = (error: unknown) => (error as GraphQLError).extensions.code;

describe("the gateway's check of proofs of possession", () => {
  it("lets unbound and anonymous requests on, for the subgraphs to judge", async () => {
    const check = proofOfPossession(verify, URL_, 600);
    await expect(check(request({ authorization: "Bearer unbound.officer.token" }))).resolves.toBeUndefined();
    await expect(check(request({}))).resolves.toBeUndefined();
  });

  it("takes a bound token's proof once; again only from a national subgraph forwarding for its caller", async () => {
    const check = proofOfPossession(verify, URL_, 600);
    const proof = await signProof(key, { method: "POST", url: URL_, token: "bound.officer.token" });
    await expect(check(await bound({}, proof))).resolves.toBeUndefined();
    await expect(check(await bound({}, proof))).rejects.toThrow(/presented before/);
    await expect(
      check(await bound({ [SERVICE_CREDENTIAL_HEADER]: "sweden.service.credential" }, proof)),
    ).resolves.toBeUndefined();
    // A person's token beside it is no subgraph's credential.
    await expect(
      check(await bound({ [SERVICE_CREDENTIAL_HEADER]: "unbound.officer.token" }, proof)),
    ).rejects.toThrow(/presented before/);
    await expect(check(request({ authorization: "Bearer bound.officer.token" }))).rejects.toThrow(
      /without a proof/,
    );
  });

  it("takes one key's proofs at most as fast as a caller's work, saying when to try again", async () => {
    // 60 a minute: ten at once.
    const check = proofOfPossession(verify, URL_, 60);
    for (let i = 0; i < 10; i++) await expect(check(await bound())).resolves.toBeUndefined();
    const refusal = await check(await bound()).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(codeOf(refusal)).toBe("RATE_LIMITED");
    expect((refusal as GraphQLError).message).toMatch(
      /faster than the 60 a minute the gateway takes\. Try again in \d+ s\./,
    );
  });
});
