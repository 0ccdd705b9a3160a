import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { createServer, AddressInfo } from "node:net";
import { join } from "node:path";
import { decodeProtectedHeader, SignJWT } from "jose";
import { GATEWAY_NODE_FLAGS } from "../../gateway/src/config";
import { LIMITS } from "../../gateway/src/limits";
import { ManagedProcess, spawnManaged, waitForReady } from "../../scripts/process/processes";
import {
  DIRECTORY_SUBGRAPH,
  ENABLED_COUNTRIES,
  findCountry,
  nationalSubgraphName,
  subgraphUrlVariable,
  TOKEN_AUDIENCE,
} from "#schema/registry";
import {
  accessTokenHash,
  bodyDigest,
  DPOP_HEADER,
  GATEWAY_CREDENTIAL_HEADER,
  GATEWAY_ISSUER,
  GATEWAY_KEY_ID,
  GATEWAY_SERVICE,
  identityProviders,
  issuerVariable,
  loadSigningKey,
  ROOT_DIR,
  serviceKeyOf,
  serviceKeys,
  signGatewayCredential,
  signServiceToken,
  subgraphAudience,
} from "#core";
import { privateKeyIds, rotateSigningKey } from "../../scripts/federation/dev-keys";
import { newProofKey, signProof } from "../../scripts/national-system/proof-key";
import { useSharedFederation } from "../support/federation";
import { errorCodes, forgeToken, graphql, GraphQLResponse } from "../support/graphql";
import { CASE_INPUT, FULL_REFERRAL_QUERY, mutate, ok, RISK_ASSESSMENT_PROFILE } from "../support/referrals";

const federation = useSharedFederation();
const gateway = () => federation().gatewayUrl;
const sweden = () => findCountry("SE")!;
const token = (country: string) => federation().tokenFor({ role: "NCP_OFFICER", country });

const ENTITIES =
  'query { _entities(representations: [{ __typename: "Sweden", code: "SE" }]) { ... on Sweden { contactPoints { email } } } }';

/** The body `direct` sends: what a gateway credential for it is issued for. */
const bodyOf = (query: string) => JSON.stringify({ query });

async function direct(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(federation().nationalUrl(sweden()), {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: bodyOf(query),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: any }> },
  };
}
const codesOf = (body: { errors?: Array<{ extensions?: any }> }) =>
  (body.errors ?? []).map((e) => e.extensions?.code);

describe("subgraphs are reachable only as intended", () => {
  it("serve _entities and _service only with a gateway credential for that subgraph, used once", async () => {
    const key = await loadSigningKey(federation().serviceKeysDir(GATEWAY_SERVICE), GATEWAY_KEY_ID);
    expect(codesOf((await direct(ENTITIES)).body)).toEqual(["FORBIDDEN"]);
    expect(codesOf((await direct("{ _service { sdl } }")).body)).toEqual(["FORBIDDEN"]);
    expect(
      codesOf((await direct("query { ...Root } fragment Root on Query { _service { sdl } }")).body),
    ).toEqual(["FORBIDDEN"]);

    const forLithuania = await signGatewayCredential(key, "national-lt", bodyOf(ENTITIES));
    expect(codesOf((await direct(ENTITIES, { [GATEWAY_CREDENTIAL_HEADER]: forLithuania })).body)).toEqual([
      "UNAUTHENTICATED",
    ]);

    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: "ES256" })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience(subgraphAudience("national-se"))
      .setJti("expired-credential")
      .setIssuedAt(now - 120)
      .setExpirationTime(now - 60)
      .sign(key);
    expect(codesOf((await direct(ENTITIES, { [GATEWAY_CREDENTIAL_HEADER]: expired })).body)).toEqual([
      "UNAUTHENTICATED",
    ]);

    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: "ES256" })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience(subgraphAudience("national-se"))
      .setJti("forged-credential")
      .setIssuedAt()
      .setExpirationTime("30s")
      .sign(await loadSigningKey(federation().idpKeysDir, "se"));
    expect(codesOf((await direct(ENTITIES, { [GATEWAY_CREDENTIAL_HEADER]: forged })).body)).toEqual([
      "UNAUTHENTICATED",
    ]);

    const credential = await signGatewayCredential(key, "national-se", bodyOf(ENTITIES));
    const first = await direct(ENTITIES, { [GATEWAY_CREDENTIAL_HEADER]: credential });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data._entities[0].contactPoints.length).toBeGreaterThan(0);
    const replay = await direct(ENTITIES, { [GATEWAY_CREDENTIAL_HEADER]: credential });
    expect(codesOf(replay.body)).toEqual(["UNAUTHENTICATED"]);
    expect(replay.body.data).toBeUndefined();
  });

  it("spend a gateway credential on any request, and accept it only with the request it was issued for", async () => {
    const key = await loadSigningKey(federation().serviceKeysDir(GATEWAY_SERVICE), GATEWAY_KEY_ID);
    // Sniffed from an ordinary request, then replayed for `_entities` with many representations.
    const ROOT = "{ sweden { code } }";
    const sniffed = await signGatewayCredential(key, "national-se", bodyOf(ROOT));
    const ordinary = await direct(ROOT, { [GATEWAY_CREDENTIAL_HEADER]: sniffed });
    expect(ordinary.body).toEqual({ data: { sweden: { code: "SE" } } });
    const many = `query { _entities(representations: [${Array(50).fill('{ __typename: "Sweden", code: "SE" }').join(", ")}]) { __typename } }`;
    const replayed = await direct(many, { [GATEWAY_CREDENTIAL_HEADER]: sniffed });
    expect(codesOf(replayed.body)).toEqual(["UNAUTHENTICATED"]);
    expect(replayed.body.errors![0]).toMatchObject({ message: "The gateway credential was already used." });
    expect(replayed.body.data).toBeUndefined();
    // A fresh credential, issued for one request, is worth nothing with another.
    const forOther = await signGatewayCredential(key, "national-se", bodyOf(ROOT));
    const swapped = await direct(ENTITIES, { [GATEWAY_CREDENTIAL_HEADER]: forOther });
    expect(codesOf(swapped.body)).toEqual(["UNAUTHENTICATED"]);
    expect(swapped.body.errors![0]).toMatchObject({
      message: "The gateway credential was issued for another request.",
    });
    expect(swapped.body.data).toBeUndefined();
    // ...whatever digest the caller claims for its body.
    const claimed = await signGatewayCredential(key, "national-se", bodyOf(ROOT));
    const lying = await direct(ENTITIES, {
      [GATEWAY_CREDENTIAL_HEADER]: claimed,
      "x-cbss-body-sha256": bodyDigest(bodyOf(ROOT)),
    });
    expect(codesOf(lying.body)).toEqual(["UNAUTHENTICATED"]);
  });

  it("a national system calls its own subgraph's root fields directly with a token for that subgraph", async () => {
    const forSweden = subgraphAudience("national-se");
    const system = await federation().tokenFor({
      role: "NATIONAL_SYSTEM",
      country: "SE",
      scopes: ["cases:read"],
      audience: forSweden,
    });
    const response = await direct("{ sweden { code cases { nodes { id } } contactPoints { person } } }", {
      authorization: `Bearer ${system}`,
    });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.sweden.code).toBe("SE");
    // A token for its subgraph and the federation (`npm run token -- --direct`) also reads what Sweden
    // asks other countries for it: the receivers' answers to its referrals.
    const both = await federation().tokenFor({
      role: "NATIONAL_SYSTEM",
      country: "SE",
      scopes: ["referrals:read"],
      audience: [forSweden, TOKEN_AUDIENCE],
    });
    const answers = await direct(
      "{ sweden { referrals(first: 20) { nodes { id response { decision } } } } }",
      {
        authorization: `Bearer ${both}`,
      },
    );
    expect(answers.body.errors).toBeUndefined();
    // Each referral's response is asked of its receiver, with this token: none refused it.
    expect(answers.body.data.sweden.referrals.nodes.length).toBeGreaterThan(0);
    // ...and the caller's token is still checked there: another country's officer cannot read the cases.
    const lt = await direct("{ sweden { cases { nodes { id } } } }", {
      authorization: `Bearer ${await federation().tokenFor({ role: "NCP_OFFICER", country: "LT", audience: forSweden })}`,
    });
    expect(codesOf(lt.body)).toEqual(["FORBIDDEN"]);
  });

  it("a token seen by one subgraph is worth nothing at another, nor with a credential issued for another token", async () => {
    const CASES = "{ sweden { cases { nodes { id } } } }";
    // What a subgraph receives of a Swedish officer's request: the token, as the caller sent it.
    const officer = `Bearer ${await token("SE")}`;
    const replayed = await direct(CASES, { authorization: officer });
    expect(codesOf(replayed.body)).toEqual(["UNAUTHENTICATED"]);
    expect(replayed.body.errors![0].message).toMatch(/accepts only through the gateway/);
    // A credential the gateway issued for another caller's token does not carry this one.
    const key = await loadSigningKey(federation().serviceKeysDir(GATEWAY_SERVICE), GATEWAY_KEY_ID);
    const other = `Bearer ${await federation().tokenFor({ role: "NCP_OFFICER", country: "SE", subject: "someone-else" })}`;
    const forOther = await signGatewayCredential(key, "national-se", bodyOf(CASES), other);
    const borrowed = await direct(CASES, { authorization: officer, [GATEWAY_CREDENTIAL_HEADER]: forOther });
    expect(codesOf(borrowed.body)).toEqual(["UNAUTHENTICATED"]);
    expect(borrowed.body.errors![0].message).toMatch(/accepts only through the gateway/);
    // With the credential the gateway issues for it, it reads the cases: so the refusals above are the binding.
    const bound = await signGatewayCredential(key, "national-se", bodyOf(CASES), officer);
    const through = await direct(CASES, { authorization: officer, [GATEWAY_CREDENTIAL_HEADER]: bound });
    expect(through.body.errors).toBeUndefined();
    // A national subgraph's service token names the one subgraph it calls: Lithuania's, made to ask
    // Sweden, is refused by Sweden's neighbours and by Lithuania's own subgraph.
    const lithuaniaAsksSweden = await signServiceToken(
      federation().serviceKeysDir("national-lt"),
      serviceKeyOf("national-lt"),
      {
        role: "NATIONAL_SYSTEM",
        subject: "service:national-lt",
        scopes: ["referrals:read"],
        expiresIn: "5m",
        audience: subgraphAudience("national-se"),
      },
    );
    const asked = async (code: string) => {
      const country = findCountry(code)!;
      return graphql(
        federation().nationalUrl(country),
        `{ ${country.name.toLowerCase()} { referrals(first: 1) { nodes { id } } } }`,
        { token: lithuaniaAsksSweden },
      );
    };
    // Sweden, which it names, takes it (what Lithuania may read there: referrals addressed to it).
    expect((await asked("SE")).errors).toBeUndefined();
    for (const code of ["LT", "PL"]) {
      const refused = await asked(code);
      expect({ code, codes: codesOf(refused) }).toEqual({ code, codes: ["UNAUTHENTICATED"] });
      expect(refused.errors![0].message).toMatch(/it is for urn:cbss-ncp:subgraph:national-se, not for/);
    }
  });
});

describe("tokens bound to their holder's key (DPoP)", () => {
  const CASES = "{ sweden { cases(first: 1) { nodes { id } } } }";
  /** A Swedish officer's token bound to a key of their own, and proofs of it for the gateway. */
  async function boundOfficer() {
    const key = await newProofKey();
    const token = await federation().tokenFor({
      role: "NCP_OFFICER",
      country: "SE",
      keyThumbprint: key.thumbprint,
    });
    const proof = () => signProof(key, { method: "POST", url: gateway(), token });
    return { key, token, proof };
  }

  it("reads with a fresh proof of its key, and what its subgraph asks other countries for it too", async () => {
    const { token, proof } = await boundOfficer();
    const cases = await graphql(gateway(), CASES, { token, headers: { [DPOP_HEADER]: await proof() } });
    expect(cases.errors).toBeUndefined();
    expect(cases.data.sweden.cases.nodes.length).toBe(1);
    // Each referral's response is asked of its receiver by Sweden's subgraph, with the caller's token and
    // proof: the gateway takes the proof again from Sweden's subgraph, beside its service credential.
    const answers = await graphql(
      gateway(),
      "{ sweden { referrals(first: 20) { nodes { id response { decision } } } } }",
      { token, headers: { [DPOP_HEADER]: await proof() } },
    );
    expect(answers.errors).toBeUndefined();
    expect(answers.data.sweden.referrals.nodes.some((r: any) => r.response !== null)).toBe(true);
  });

  it("is refused at the gateway without a proof, with another key's, or with a proof presented before", async () => {
    const { token, proof } = await boundOfficer();
    const refusedWith = async (headers: Record<string, string>) => {
      const response = await graphql(gateway(), CASES, { token, headers });
      expect(response.data ?? null).toBeNull();
      expect(codesOf(response)).toEqual(["UNAUTHENTICATED"]);
      return response.errors![0].message;
    };
    expect(await refusedWith({})).toMatch(/bound to a key and came without a proof of it/);
    const stranger = await newProofKey();
    const strangersProof = await signProof(stranger, { method: "POST", url: gateway(), token });
    expect(await refusedWith({ [DPOP_HEADER]: strangersProof })).toMatch(/signed with another key/);
    const once = await proof();
    expect(
      (await graphql(gateway(), CASES, { token, headers: { [DPOP_HEADER]: once } })).errors,
    ).toBeUndefined();
    // Captured on the way (or at a subgraph, which is sent it), the same proof again:
    expect(await refusedWith({ [DPOP_HEADER]: once })).toMatch(/presented before/);
  });

  it("called directly, a subgraph takes a proof made for it once, and none made for the gateway", async () => {
    const key = await newProofKey();
    // A national system's token for its own subgraph and the federation (`npm run token -- --direct`).
    const token = await federation().tokenFor({
      role: "NATIONAL_SYSTEM",
      country: "SE",
      scopes: ["cases:read", "referrals:read"],
      audience: [subgraphAudience("national-se"), TOKEN_AUDIENCE],
      keyThumbprint: key.thumbprint,
    });
    const authorization = `Bearer ${token}`;
    const sweden_ = federation().nationalUrl(sweden());
    // A proof seen on its way through the gateway, replayed straight at the subgraph:
    const forGateway = await signProof(key, { method: "POST", url: gateway(), token });
    const replayed = await direct(CASES, { authorization, [DPOP_HEADER]: forGateway });
    expect(codesOf(replayed.body)).toEqual(["UNAUTHENTICATED"]);
    expect(replayed.body.errors![0].message).toContain(`not POST ${sweden_}`);
    // A proof made for the subgraph reads, once.
    const forSweden = await signProof(key, { method: "POST", url: sweden_, token });
    const first = await direct(CASES, { authorization, [DPOP_HEADER]: forSweden });
    expect(first.body.errors).toBeUndefined();
    const again = await direct(CASES, { authorization, [DPOP_HEADER]: forSweden });
    expect(codesOf(again.body)).toEqual(["UNAUTHENTICATED"]);
    expect(again.body.errors![0].message).toMatch(/presented before/);
    // What Sweden's subgraph asks the receivers for it goes through the gateway with that proof: the
    // gateway vouches for Sweden's URL to them.
    const answers = await direct(
      "{ sweden { referrals(first: 20) { nodes { id response { decision } } } } }",
      {
        authorization,
        [DPOP_HEADER]: await signProof(key, { method: "POST", url: sweden_, token }),
      },
    );
    expect(answers.body.errors).toBeUndefined();
    expect(answers.body.data.sweden.referrals.nodes.some((r: any) => r.response !== null)).toBe(true);
  });

  it("is refused by the subgraph itself, even with the gateway's credential, without a fresh proof of its key", async () => {
    const { key, token, proof } = await boundOfficer();
    const authorization = `Bearer ${token}`;
    const gatewayKey = await loadSigningKey(federation().serviceKeysDir(GATEWAY_SERVICE), GATEWAY_KEY_ID);
    // What a hub holding the gateway's key could send: a credential bound to the captured token.
    const asTheHub = async (headers: Record<string, string>) =>
      direct(CASES, {
        authorization,
        [GATEWAY_CREDENTIAL_HEADER]: await signGatewayCredential(
          gatewayKey,
          "national-se",
          bodyOf(CASES),
          authorization,
        ),
        ...headers,
      });
    const bare = await asTheHub({});
    expect(codesOf(bare.body)).toEqual(["UNAUTHENTICATED"]);
    expect(bare.body.errors![0].message).toMatch(/without a proof of it/);
    // A proof the caller made a while ago, kept by the hub to replay later:
    const stale = await new SignJWT({ htm: "POST", htu: gateway(), ath: accessTokenHash(token) })
      .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: key.publicJwk })
      .setJti("kept-by-the-hub")
      .setIssuedAt(Math.floor(Date.now() / 1000) - 5 * 60)
      .sign(key.privateKey);
    const late = await asTheHub({ [DPOP_HEADER]: stale });
    expect(codesOf(late.body)).toEqual(["UNAUTHENTICATED"]);
    expect(late.body.errors![0].message).toMatch(/made within the last 60 s/);
    // A fresh proof of the caller's key is what the subgraph needs: the refusals above are the binding.
    const fresh = await asTheHub({ [DPOP_HEADER]: await proof() });
    expect(fresh.body.errors).toBeUndefined();
  });
});

describe("key custody in the running federation", () => {
  it("a rotated identity-provider key is picked up with no restart, and tokens of the old key still work", async () => {
    const f = federation();
    const query = `{ country(code: "SE") { cases(first: 1) { nodes { id } } } }`;
    const before = await f.tokenFor({ role: "NCP_OFFICER", country: "SE" });
    await rotateSigningKey(f.keysRoot, "se");
    const after = await f.tokenFor({ role: "NCP_OFFICER", country: "SE" });
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    for (const token of [before, after]) {
      const response = await graphql(f.gatewayUrl, query, { token });
      expect(response.errors).toBeUndefined();
    }
  });

  it("each service process is given its own keys folder, holding its own private key and no other", async () => {
    const f = federation();
    for (const { service, id } of serviceKeys()) {
      const pid = f.processOf(service)!.child.pid!;
      const env = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
      const keysDir = env.find((v) => v.startsWith("KEYS_DIR="))!.slice("KEYS_DIR=".length);
      expect({ service, keysDir }).toEqual({ service, keysDir: f.serviceKeysDir(service) });
      expect({ service, keys: await privateKeyIds(keysDir) }).toEqual({ service, keys: [id] });
    }
  });
});

describe("limits at the gateway", () => {
  /** `country { referrals { nodes { to { ... } } } }` nests four levels a round; a tail pads to the exact depth. */
  function queryOfDepth(depth: number, viaFragment = false): string {
    const tails = [
      "code",
      "contactPoints { email }",
      "referrals { pageInfo { hasNextPage } }",
      "referrals { nodes { to { code } } }",
    ];
    let remaining = depth - 1; // the root field `country`
    let body = "";
    let closing = "";
    while (remaining > 4) {
      body += "referrals(first: 1) { nodes { to { ";
      closing += " } } }";
      remaining -= 3;
    }
    body += tails[remaining - 1];
    const selection = body + closing;
    return viaFragment
      ? `query Deep { country(code: "SE") { ...Part } } fragment Part on Country { ${selection} }`
      : `query Deep { country(code: "SE") { ${selection} } }`;
  }

  it.each([false, true])(
    "refuses a query one level deeper than the limit and accepts the limit (via fragment: %s)",
    async (viaFragment) => {
      const se = await token("SE");
      const atLimit = await graphql(gateway(), queryOfDepth(LIMITS.maxDepth, viaFragment), { token: se });
      expect(atLimit.errors).toBeUndefined();
      const above = await graphql(gateway(), queryOfDepth(LIMITS.maxDepth + 1, viaFragment), { token: se });
      expect(above.data ?? null).toBeNull();
      expect(above.errors![0].message).toMatch(/depth/i);
    },
  );

  const aliased = (n: number) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: countries { code }`).join(" ")} }`;
  it("refuses one alias more than the limit and accepts the limit", async () => {
    expect((await graphql(gateway(), aliased(LIMITS.maxAliases))).errors).toBeUndefined();
    const above = await graphql(gateway(), aliased(LIMITS.maxAliases + 1));
    expect(above.errors![0].message).toMatch(/aliases/i);
    expect(above.data ?? null).toBeNull();
  });

  const directives = (n: number) =>
    `{ countries { ${Array.from({ length: n }, (_, i) => `c${i}: code @include(if: true)`).join(" ")} } }`;
  it("refuses one directive more than the limit and accepts the limit", async () => {
    expect((await graphql(gateway(), directives(LIMITS.maxDirectives))).errors).toBeUndefined();
    expect((await graphql(gateway(), directives(LIMITS.maxDirectives + 1))).errors![0].message).toMatch(
      /directives/i,
    );
  });

  it("refuses a query with one token more than the limit and accepts the limit", async () => {
    // GraphQL Armor counts the lexer's tokens: 13 for this query, two per fragment spread, one for __typename.
    const ofTokens = (n: number) => {
      const spreads = Array(Math.floor((n - 13) / 2))
        .fill("...F")
        .join(" ");
      const pad = (n - 13) % 2 ? " __typename" : "";
      return `query { countries { ${spreads}${pad} } } fragment F on Country { code }`;
    };
    expect((await graphql(gateway(), ofTokens(LIMITS.maxTokens))).errors).toBeUndefined();
    expect((await graphql(gateway(), ofTokens(LIMITS.maxTokens + 1))).errors![0].message).toMatch(
      /token limit/i,
    );
  });

  it("refuses a query whose cost is above the limit and accepts one below it", async () => {
    // Each copy nests eight levels deep (cost about 380 with Armor's default weights), within the depth,
    // alias, token and work limits: only the cost limit tells 13 copies (about 4,950) from 14 (about 5,330).
    const deep =
      'country(code: "SE") { referrals(first: 1) { nodes { to { referrals(first: 1) { nodes { to { contactPoints { id organisation unit email phone languages address workingHours competences updatedAt version } } } } } } } }';
    const copies = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${deep}`).join(" ")} }`;
    const se = await token("SE");
    expect((await graphql(gateway(), copies(13), { token: se })).errors).toBeUndefined();
    const above = await graphql(gateway(), copies(14), { token: se });
    expect(above.errors![0].message).toMatch(/cost limit of 5000/i);
    expect(above.data ?? null).toBeNull();
  });

  const statistics = (year: number) => `countries { statistics(period: { year: ${year} }) { exact } }`;
  const post = async (query: string, token?: string) => {
    const response = await fetch(gateway(), {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as GraphQLResponse,
    };
  };

  it("refuses a request that asks the national registries for more work than one request may, before any is done", async () => {
    const analyst = await federation().tokenFor({ role: "RFP_ANALYST" });
    // The review's attack: fifteen aliases of every country's statistics, 1,500 store reads.
    const attack = Array.from({ length: 15 }, (_, i) => `a${i}: ${statistics(2012 + i)}`).join(" ");
    const refused = await post(`{ ${attack} }`, analyst);
    expect(refused.status).toBe(400);
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors![0]).toMatchObject({
      message: expect.stringMatching(/asks the national registries for 1500 store reads.*at most 250/),
      extensions: { code: "WORK_LIMIT_EXCEEDED", work: 1500, maxWork: LIMITS.maxWork },
    });
    // The dashboard's year, every country's statistics at once, is within.
    expect((await post(`{ ${statistics(2026)} }`, analyst)).body.errors).toBeUndefined();
  });

  it("a subgraph starts no work for a caller that has stopped waiting", async () => {
    const query = `{ sweden { statistics(period: { year: 2026 }) { exact } } }`;
    const authorization = `Bearer ${await federation().tokenFor({ role: "NCP_OFFICER", country: "SE", audience: subgraphAudience("national-se") })}`;
    const gaveUp = await direct(query, { authorization, "ncp-timeout-ms": "0" });
    expect(codesOf(gaveUp.body)).toEqual(["DEADLINE_EXCEEDED"]);
    expect(gaveUp.body.data?.sweden?.statistics ?? null).toBeNull();
    const waiting = await direct(query, { authorization, "ncp-timeout-ms": "5000" });
    expect(waiting.body.errors).toBeUndefined();
    expect(waiting.body.data.sweden.statistics).toEqual({ exact: true });
  });

  it("does not suggest field names, refuses batched requests and bodies over the size limit", async () => {
    const typo = await graphql(gateway(), "{ countries { contactPoint { email } } }");
    expect(typo.errors!.map((e) => e.message).join()).not.toMatch(/Did you mean/);

    const batch = await fetch(gateway(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ query: "{ countries { code } }" }, { query: "{ countries { code } }" }]),
    });
    expect(batch.status).toBe(400);

    const huge = await fetch(gateway(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ countries { code } }", variables: { padding: "x".repeat(200_000) } }),
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ errors: [{ extensions: { code: "BAD_REQUEST" } }] });
  });

  it("answers a body that is not JSON with a GraphQL error a person can act on, not a stack trace", async () => {
    const broken = await fetch(gateway(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"query":"{ countries {\n code } }"}',
    });
    expect(broken.status).toBe(400);
    expect(broken.headers.get("content-type")).toMatch(/application\/json/);
    const text = await broken.text();
    expect(text).not.toMatch(/node_modules|\bat \w+ \(/);
    expect(JSON.parse(text)).toMatchObject({
      errors: [{ message: expect.stringMatching(/not valid JSON/), extensions: { code: "BAD_REQUEST" } }],
    });
  });
});

describe("operator payloads have no effect", () => {
  const payloads = [
    { $ne: null },
    { $where: "sleep(1000) || true" },
    { $expr: { $eq: [1, 1] } },
    { $nor: [{ to: "XX" }] },
  ];

  it("in every string argument, as objects or as text, they match nothing and write nothing", async () => {
    const se = await token("SE");
    const lt = await token("LT");
    const caseId = ok(
      await mutate(gateway(), se, "SE", "createCase", { input: CASE_INPUT }),
      "SE",
      "createCase",
    ).id;
    const input = {
      idempotencyKey: "operator-test-referral",
      caseId,
      to: "LT",
      purpose: "RISK_ASSESSMENT",
      urgency: "NORMAL",
      profile: RISK_ASSESSMENT_PROFILE,
    };
    const referral = ok(await mutate(gateway(), se, "SE", "sendReferral", { input }), "SE", "sendReferral");

    const reads: Array<[string, string, string]> = [
      ["query($v: ID!) { country(code: $v) { code } }", "ID!", "country"],
      [`query($v: ID!) { country(code: "SE") { referral(id: $v) { id } } }`, "ID!", "referral"],
      [`query($v: ID) { country(code: "SE") { referrals(to: $v) { nodes { id } } } }`, "ID", "referrals"],
      [
        `query($v: String) { country(code: "SE") { referrals(after: $v) { nodes { id } } } }`,
        "String",
        "referrals",
      ],
      [`query($v: ID!) { country(code: "SE") { case(id: $v) { id } } }`, "ID!", "case"],
      [`query($v: String) { country(code: "SE") { cases(after: $v) { nodes { id } } } }`, "String", "cases"],
      [
        `query($v: ID) { country(code: "SE") { auditTrail(country: $v) { nodes { seq } } } }`,
        "ID",
        "auditTrail",
      ],
      [
        `query($v: String) { country(code: "SE") { auditTrail(policy: $v) { nodes { seq } } } }`,
        "String",
        "auditTrail",
      ],
      [
        `query($v: ID!) { country(code: "LT") { referralRecords(referralIds: [$v]) { referralId } } }`,
        "ID!",
        "referralRecords",
      ],
    ];
    for (const payload of payloads) {
      for (const value of [payload, JSON.stringify(payload)]) {
        for (const [query, , field] of reads) {
          const response = await graphql(gateway(), query, { variables: { v: value }, token: se });
          const data = response.data?.country?.[field];
          const rows = data?.nodes ?? (Array.isArray(data) ? data : data ? [data] : []);
          // Either refused as bad input, or a literal string that matches no record.
          expect({ query, value, rows: rows.filter((r: any) => r.id || r.seq || r.referralId) }).toEqual({
            query,
            value,
            rows: [],
          });
        }
      }
    }

    // Writes: the payload as every string of a mutation changes nothing.
    const before = await graphql(gateway(), FULL_REFERRAL_QUERY, {
      variables: { code: "SE", id: referral.id },
      token: se,
    });
    for (const payload of payloads) {
      for (const value of [payload, JSON.stringify(payload)]) {
        const attempts = [
          mutate(gateway(), se, "SE", "changeReferralStatus", { id: value, version: 1, status: "CLOSED" }),
          mutate(gateway(), lt, "LT", "respondToReferral", {
            referralId: value,
            version: 0,
            input: { decision: "ACCEPTED" },
          }),
          mutate(gateway(), se, "SE", "updateCase", {
            id: value,
            version: 1,
            input: { ...CASE_INPUT, stage: "CLOSED" },
          }),
          mutate(gateway(), se, "SE", "sendReferral", {
            input: { ...input, idempotencyKey: "operator-test-2", caseId: value },
          }),
        ];
        for (const response of await Promise.all(attempts))
          expect(response.errors?.length).toBeGreaterThan(0);
        // As an idempotency key the text is only a key: it finds no earlier referral, it makes a new one.
        const keyed = await mutate(gateway(), se, "SE", "sendReferral", {
          input: { ...input, idempotencyKey: value },
        });
        if (typeof value === "string") expect(keyed.data?.sweden.sendReferral.id).not.toBe(referral.id);
        else expect(keyed.errors?.length).toBeGreaterThan(0);
      }
    }
    const after = await graphql(gateway(), FULL_REFERRAL_QUERY, {
      variables: { code: "SE", id: referral.id },
      token: se,
    });
    expect(after.data).toEqual(before.data);
  });
});

describe("the pages", () => {
  it("load nothing from elsewhere, change no base address, post forms only here and tell no site where they were", async () => {
    const base = gateway().replace(/\/graphql$/, "");
    for (const page of ["directory", "partners", "dashboard", "workspace", "signin"]) {
      const response = await fetch(`${base}/${page}`);
      expect([page, response.status]).toEqual([page, 200]);
      const policy = (response.headers.get("content-security-policy") ?? "").split(/;\s*/);
      expect(policy).toEqual(
        expect.arrayContaining([
          "default-src 'self'",
          "frame-ancestors 'none'",
          "base-uri 'none'",
          "form-action 'self'",
        ]),
      );
      expect([page, response.headers.get("referrer-policy")]).toEqual([page, "no-referrer"]);
    }
  });
});

describe("the hub pools nothing", () => {
  it("marks every GraphQL answer, refusals included, as not to be kept by any cache nor read as other than JSON", async () => {
    for (const [url, body] of [
      [gateway(), '{"query":"{ countries { code } }"}'],
      [gateway(), '{"query":"{ countries {'],
      [federation().nationalUrl(sweden()), '{"query":"{ __typename }"}'],
    ]) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      expect([url, response.headers.get("cache-control")]).toEqual([url, "no-store"]);
      expect([url, response.headers.get("x-content-type-options")]).toEqual([url, "nosniff"]);
    }
  });

  it("a canary in a case and a referral never appears in anything the gateway printed or wrote", async () => {
    const canary = `CANARY-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const se = await token("SE");
    const lt = await token("LT");
    const caseId = ok(
      await mutate(gateway(), se, "SE", "createCase", { input: { ...CASE_INPUT, carePlacement: canary } }),
      "SE",
      "createCase",
    ).id;
    const input = {
      idempotencyKey: `canary-${Date.now()}`,
      caseId,
      to: "LT",
      purpose: "RISK_ASSESSMENT",
      urgency: "URGENT",
      profile: { ...RISK_ASSESSMENT_PROFILE, riskFactors: canary },
    };
    const referral = ok(await mutate(gateway(), se, "SE", "sendReferral", { input }), "SE", "sendReferral");
    ok(
      await mutate(gateway(), lt, "LT", "respondToReferral", {
        referralId: referral.id,
        version: 0,
        input: {
          decision: "ACCEPTED",
          familyTracing: { outcome: "IN_PROGRESS", summary: canary },
          riskAssessment: { completedOn: new Date().toISOString(), returnInBestInterests: true },
        },
      }),
      "LT",
      "respondToReferral",
    );
    ok(
      await mutate(gateway(), lt, "LT", "recordReturnEvent", {
        referralId: referral.id,
        input: {
          idempotencyKey: `canary-event-${Date.now()}`,
          kind: "RECEIVED",
          occurredAt: new Date().toISOString(),
          notes: canary,
        },
      }),
      "LT",
      "recordReturnEvent",
    );
    const read = await graphql(gateway(), FULL_REFERRAL_QUERY, {
      variables: { code: "SE", id: referral.id },
      token: lt,
    });
    expect(JSON.stringify(read.data)).toContain(canary); // it did flow through the gateway
    const caseRead = await graphql(
      gateway(),
      `{ country(code: "SE") { case(id: "${caseId}") { carePlacement } } }`,
      { token: se },
    );
    expect(caseRead.data.country.case.carePlacement).toBe(canary);
    // Errors that echo the input pass through the gateway too.
    await graphql(gateway(), `{ country(code: "SE") { referral(id: "${canary}") { id } } }`, { token: se });

    const gatewayProcess = federation().processOf("gateway")!;
    const printed = readFileSync(gatewayProcess.logFile, "utf8");
    expect(printed.length).toBeGreaterThan(0);
    expect(printed).not.toContain(canary);
    // Nothing it wrote: the gateway process holds no regular file open but the code it runs.
    const fdDir = `/proc/${gatewayProcess.child.pid}/fd`;
    const openFiles = readdirSync(fdDir)
      .map((fd) => {
        try {
          return readlinkSync(`${fdDir}/${fd}`);
        } catch {
          return "";
        }
      })
      .filter(
        (target) => target.startsWith("/") && !target.startsWith("/dev/") && !target.startsWith("/proc/"),
      );
    expect(openFiles.filter((f) => !f.includes("/node_modules/") && !f.endsWith("/node"))).toEqual([]);
  });
});

describe("trusted operations for national systems", () => {
  const manifest = JSON.parse(readFileSync(join(ROOT_DIR, "schema", "trusted-operations.json"), "utf8"))
    .operations as Array<{ id: string; name: string; body: string }>;
  const incoming = manifest.find((o) => o.name === "IncomingReferrals")!;
  const polishNotifications = manifest.find((o) => o.name === "Notifications" && o.body.includes('"PL"'))!;
  const ADHOC = "{ countries { code referrals(status: SENT, first: 5) { nodes { id } } } }";
  const system = () =>
    federation().tokenFor({ role: "NATIONAL_SYSTEM", country: "LT", scopes: ["referrals:read"] });

  async function post(body: Record<string, unknown>, token?: string) {
    const response = await fetch(gateway(), {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
  }
  const codes = (body: { errors?: any[] }) => (body.errors ?? []).map((e) => e.extensions?.code);

  it("off (the default): a national system's ad-hoc query runs", async () => {
    const { body } = await post({ query: ADHOC }, await system());
    expect(codes(body)).toEqual([]);
  });

  it("on: a national system runs only registered operations, by text or by hash; people's ad-hoc queries run", async () => {
    const f = federation();
    await f.stopGateway();
    await f.startGateway({ TRUSTED_OPERATIONS: "on" });
    try {
      const token = await system();
      const adhoc = await post({ query: ADHOC }, token);
      expect({ status: adhoc.status, codes: codes(adhoc.body), data: adhoc.body.data }).toEqual({
        status: 403,
        codes: ["OPERATION_NOT_TRUSTED"],
        data: undefined,
      });
      expect(adhoc.body.errors![0].message).toMatch(/docs\/operations/);
      // Claiming to be a subgraph takes a national subgraph's service token, not any header.
      const pretending = await fetch(gateway(), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
          "ncp-service-credential": token,
        },
        body: JSON.stringify({ query: ADHOC }),
      });
      expect(codes((await pretending.json()) as { errors?: any[] })).toEqual(["OPERATION_NOT_TRUSTED"]);
      // A registered operation changed by one field is another operation.
      const altered = await post({ query: incoming.body.replace("overdue", "overdue status") }, token);
      expect(codes(altered.body)).toEqual(["OPERATION_NOT_TRUSTED"]);

      const byText = await post({ query: incoming.body, variables: { first: 5 } }, token);
      expect(codes(byText.body)).toEqual([]);
      expect(byText.body.data.countries.length).toBeGreaterThan(0);
      const byHash = await post(
        { variables: { first: 5 }, extensions: { persistedQuery: { version: 1, sha256Hash: incoming.id } } },
        token,
      );
      expect(codes(byHash.body)).toEqual([]);
      expect(byHash.body.data).toEqual(byText.body.data);

      // Every country has its own copy of the documented operations.
      const poland = await post(
        { query: polishNotifications.body },
        await f.tokenFor({ role: "NATIONAL_SYSTEM", country: "PL", scopes: ["referrals:read"] }),
      );
      expect(codes(poland.body)).toEqual([]);
      // A token the gateway cannot verify is still held to the registered operations.
      const unverifiable = await post(
        { query: ADHOC },
        await forgeToken(f.idpKeysDir, { role: "NATIONAL_SYSTEM", country: "LT", scope: "referrals:read" }),
      );
      expect(codes(unverifiable.body)).toEqual(["OPERATION_NOT_TRUSTED"]);

      const officer = await post({ query: ADHOC }, await f.tokenFor({ role: "NCP_OFFICER", country: "LT" }));
      expect(codes(officer.body)).toEqual([]);
      const anonymous = await post({ query: "{ countries { code name } }" });
      expect(codes(anonymous.body)).toEqual([]);
    } finally {
      await f.stopGateway();
      await f.startGateway();
    }
  });
});

describe("in production (NODE_ENV=production)", () => {
  // A gateway and Iceland's national subgraph started in production beside the shared federation, on free
  // loopback ports, with its keys, issuers and Iceland's store: the gateway sends Iceland's fields to the
  // production subgraph, every other country's to the shared federation's. DEBUG_ERRORS=1 is what a
  // developer would set to see stack traces: production must ignore it.
  const iceland = () => findCountry("IS")!;
  const started: ManagedProcess[] = [];
  let productionGateway: string;
  let productionIceland: string;

  async function freePort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  async function startProduction(
    name: string,
    entry: string,
    env: Record<string, string>,
    flags: string[] = [],
  ) {
    const port = await freePort();
    const service = spawnManaged(
      name,
      process.execPath,
      [...flags, join(ROOT_DIR, "dist", entry)],
      {
        ...federation().env,
        // Production names every identity provider's issuer; these are the shared federation's.
        ...Object.fromEntries(
          identityProviders(federation().env).map((p) => [issuerVariable(p.id), p.issuer]),
        ),
        NODE_ENV: "production",
        DEBUG_ERRORS: "1",
        PORT: String(port),
        ...env,
      },
      join(ROOT_DIR, ".test-data", `${name}.log`),
    );
    started.push(service);
    await waitForReady(`http://127.0.0.1:${port}/readyz`, service, 60_000);
    return `http://127.0.0.1:${port}/graphql`;
  }

  beforeAll(async () => {
    const f = federation();
    productionIceland = await startProduction("production-national-is", "subgraphs/national/src/main.js", {
      COUNTRY: "IS",
      MONGODB_URI: f.mongoUri(iceland()),
      KEYS_DIR: f.serviceKeysDir(nationalSubgraphName(iceland())),
      GATEWAY_URL: f.gatewayUrl,
      // Its retention sweep and doorbells are the shared federation's Iceland's work: this one stays idle.
      RETENTION_SWEEP_MINUTES: "600",
    });
    productionGateway = await startProduction(
      "production-gateway",
      "gateway/src/main.js",
      {
        KEYS_DIR: f.serviceKeysDir(GATEWAY_SERVICE),
        [subgraphUrlVariable(DIRECTORY_SUBGRAPH)]: `http://127.0.0.1:${f.ports.directory}/graphql`,
        ...Object.fromEntries(
          ENABLED_COUNTRIES.map((c) => [subgraphUrlVariable(nationalSubgraphName(c)), f.nationalUrl(c)]),
        ),
        [subgraphUrlVariable(nationalSubgraphName(iceland()))]: productionIceland,
      },
      GATEWAY_NODE_FLAGS,
    );
  }, 150_000);
  afterAll(() => Promise.all(started.splice(0).map((s) => s.stop())));

  const INTROSPECTION = [
    "{ __schema { types { name } } }",
    '{ __type(name: "Query") { name fields { name } } }',
  ];

  it("the gateway and a national subgraph refuse introspection, which the development gateway answers", async () => {
    const development = await graphql(gateway(), INTROSPECTION[0]);
    expect(development.data.__schema.types.length).toBeGreaterThan(0);
    for (const [service, url] of [
      ["gateway", productionGateway],
      ["national-is", productionIceland],
    ]) {
      for (const query of INTROSPECTION) {
        const refused = await graphql(url, query);
        expect({ service, query, codes: errorCodes(refused) }).toEqual({
          service,
          query,
          codes: ["GRAPHQL_VALIDATION_FAILED"],
        });
        expect(refused.data ?? null).toBeNull();
      }
    }
    // Both still answer what they are for: the public directory, through the production subgraph.
    const served = await graphql(
      productionGateway,
      '{ country(code: "IS") { code contactPoints { email } } }',
    );
    expect(served.errors).toBeUndefined();
    expect(served.data.country.contactPoints.length).toBeGreaterThan(0);
  });

  it("refuse a person's token that is not bound to their key, through the gateway and called directly", async () => {
    const query = '{ country(code: "IS") { cases(first: 1) { nodes { id } } } }';
    const officer = await federation().tokenFor({ role: "NCP_OFFICER", country: "IS" });
    const atGateway = await graphql(productionGateway, query, { token: officer });
    expect(errorCodes(atGateway)).toEqual(["UNAUTHENTICATED"]);
    expect(atGateway.errors![0].message).toMatch(/must be bound to its holder's key \(DPoP/);
    // Called directly, with a token for Iceland's subgraph alone, as a national system would.
    const system = await federation().tokenFor({
      role: "NATIONAL_SYSTEM",
      country: "IS",
      scopes: ["cases:read"],
      audience: subgraphAudience(nationalSubgraphName(iceland())),
    });
    const direct = await graphql(productionIceland, "{ iceland { cases(first: 1) { nodes { id } } } }", {
      token: system,
    });
    expect(errorCodes(direct)).toEqual(["UNAUTHENTICATED"]);
    expect(direct.errors![0].message).toMatch(/must be bound to its holder's key/);
  });

  it("put no stack trace and no path of the machine in any error", async () => {
    const post = async (url: string, body: string, headers: Record<string, string> = {}) => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body,
      });
      return { url, body, text: await response.text() };
    };
    const request = (query: string, variables?: Record<string, unknown>) =>
      JSON.stringify({ query, variables });
    const officer = { authorization: `Bearer ${await token("LT")}` };
    const answers = [
      // The gateway: a misspelt field, an unknown variable type, a wrong argument type, no token for a
      // protected field, another country's officer, a body that is not JSON.
      await post(productionGateway, request('{ country(code: "IS") { casez { nodes { id } } } }')),
      await post(productionGateway, request("query($n: Unknown) { countries { code } }")),
      await post(
        productionGateway,
        request('query($n: Int) { country(code: "IS") { cases(first: $n) { nodes { id } } } }', {
          n: "many",
        }),
      ),
      await post(productionGateway, request('{ country(code: "IS") { cases(first: 1) { nodes { id } } } }')),
      await post(
        productionGateway,
        request('{ country(code: "IS") { cases(first: 1) { nodes { id } } } }'),
        officer,
      ),
      await post(productionGateway, '{"query": "{ countries {'),
      // Iceland's subgraph, called directly: the same, and a federation token without the gateway's credential.
      await post(productionIceland, request("{ iceland { casez { nodes { id } } } }")),
      await post(productionIceland, request("{ iceland { cases(first: 1) { nodes { id } } } }")),
      await post(productionIceland, request("{ iceland { cases(first: 1) { nodes { id } } } }"), officer),
      await post(productionIceland, request(ENTITIES.replace(/Sweden/g, "Iceland").replace('"SE"', '"IS"'))),
      await post(productionIceland, '{"query": "{ iceland {'),
    ];
    for (const answer of answers) {
      const errors = (JSON.parse(answer.text) as GraphQLResponse).errors ?? [];
      expect({ ...answer, errors: errors.length > 0 }).toMatchObject({ errors: true });
      for (const error of errors) expect(Object.keys(error.extensions ?? {})).not.toContain("stacktrace");
      expect(answer.text).not.toContain(ROOT_DIR);
      expect(answer.text).not.toMatch(/stacktrace|node_modules|\bat \S+ \(|\.[jt]s:\d+/);
    }
  });
});
