import { ApolloServer } from "@apollo/server";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSchema, Kind, parse } from "graphql";
import { ENABLED_COUNTRIES } from "#schema/registry";
import { LIMITS } from "../../gateway/src/limits";
import { addressBlock, requestWork, storeFields, workPlugin } from "../../gateway/src/work";
import { operationFiles } from "../../scripts/national-system/operations";
import { AuthResult, ROOT_DIR } from "#core";

/** What the gateway counts as the national registries' work for a request (gateway/src/work.ts). */
const API_SDL = readFileSync(join(ROOT_DIR, "schema", "api.graphql"), "utf8");
const SUPERGRAPH_SDL = readFileSync(join(ROOT_DIR, "schema", "supergraph.graphql"), "utf8");
const api = buildSchema(API_SDL);
const fromStores = storeFields(SUPERGRAPH_SDL);
const work = (query: string, variables: Record<string, unknown> = {}) =>
  requestWork(api, parse(query), undefined, variables, fromStores);
const countries = ENABLED_COUNTRIES.length;

describe("the work a request asks of the national registries", () => {
  it("knows which fields of a country are read from its store, and which the directory answers", () => {
    for (const field of ["statistics", "cases", "referrals", "contactPoints", "auditTrail"])
      expect({ field, fromStore: fromStores.has(field) }).toEqual({ field, fromStore: true });
    for (const field of ["code", "name", "membership"])
      expect({ field, fromStore: fromStores.has(field) }).toEqual({ field, fromStore: false });
  });

  it("counts each country asked, statistics ten times, each alias, each write", () => {
    expect(work("{ countries { code name } }")).toBe(0);
    expect(work('{ country(code: "SE") { statistics(period: { year: 2026 }) { exact } } }')).toBe(10);
    expect(work("{ countries { statistics(period: { year: 2026 }) { exact } } }")).toBe(10 * countries);
    expect(work("{ countries { contactPoints { email } cases(first: 5) { nodes { id } } } }")).toBe(
      2 * countries,
    );
    const aliased = Array.from(
      { length: 3 },
      (_, i) => `a${i}: countries { statistics(period: { year: 2026 }) { exact } }`,
    );
    expect(work(`{ ${aliased.join(" ")} }`)).toBe(3 * 10 * countries);
    // Through fragments and inline fragments alike.
    expect(
      work(`{ countries { ...F ... on Sweden { statistics(period: { year: 2026 }) { exact } } } }
            fragment F on Country { statistics(period: { year: 2026 }) { exact } }`),
    ).toBe(2 * 10 * countries);
    const writes = Array.from({ length: 4 }, (_, i) => `w${i}: markNotificationsRead(ids: [])`);
    expect(work(`mutation { sweden { ${writes.join(" ")} } }`)).toBe(4);
  });

  it("counts a country named by each record of a page once per record, as the gateway asks it", () => {
    const receivers =
      "referrals(first: $first) { nodes { to { statistics(period: { year: 2026 }) { exact } } } }";
    expect(work(`query($first: Int!) { country(code: "SE") { ${receivers} } }`, { first: 11 })).toBe(1 + 110);
    // Without `first`, its default (20); never more than a page holds (100).
    expect(work('{ country(code: "SE") { referrals { nodes { to { contactPoints { email } } } } } }')).toBe(
      21,
    );
    expect(work(`query($first: Int!) { country(code: "SE") { ${receivers} } }`, { first: 5000 })).toBe(
      1 + 1000,
    );
  });

  it("lets the dashboard's ten countries' statistics through, and refuses the review's attacks", () => {
    expect(work("{ countries { statistics(period: { year: 2026 }) { exact } } }")).toBeLessThanOrEqual(
      LIMITS.maxWork,
    );
    const aliases = Array.from(
      { length: 15 },
      (_, i) => `a${i}: countries { statistics(period: { year: ${2012 + i} }) { exact } }`,
    );
    expect(work(`{ ${aliases.join(" ")} }`)).toBeGreaterThan(LIMITS.maxWork);
    const statistics = Array.from(
      { length: 11 },
      (_, i) => `s${i}: statistics(period: { year: ${2012 + i} }) { exact }`,
    );
    expect(
      work(`{ country(code: "SE") { referrals(first: 100) { nodes { to { ${statistics.join(" ")} } } } } }`),
    ).toBeGreaterThan(LIMITS.maxWork);
  });

  it("lets every documented operation of a national system through", async () => {
    const names = [];
    for (const { text } of await operationFiles()) {
      for (const definition of parse(text).definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const name = definition.name!.value;
        const used = requestWork(api, parse(text), name, { first: 100, year: 2026, code: "SE" }, fromStores);
        expect({ name, within: used <= LIMITS.maxWork }).toEqual({ name, within: true });
        names.push(name);
      }
    }
    expect(names.length).toBeGreaterThan(10);
  });
});

describe("each caller's allowance", () => {
  /** Callers told apart by their bearer token alone. */
  const verify = async (authorization?: string): Promise<AuthResult> =>
    authorization
      ? {
          kind: "authenticated",
          principal: {
            issuer: "https://idp.example/se",
            subject: authorization,
            role: "RFP_ANALYST",
            scopes: [],
          },
        }
      : { kind: "anonymous" };
  /**
   * A server with the gateway's plugin, on a clock that stands still: what is admitted depends on what was
   * asked, not on this machine's speed.
   */
  function server(workPerMinute: number) {
    return new ApolloServer({
      typeDefs: API_SDL,
      resolvers: { Query: { countries: () => [] } },
      plugins: [workPlugin(SUPERGRAPH_SDL, workPerMinute, () => 0)],
    });
  }
  const STATISTICS = "{ countries { statistics(period: { year: 2026 }) { exact } } }";
  // As the gateway's context has it: the caller's token verified once.
  const ask = async (apollo: ApolloServer, caller: { authorization?: string; address?: string }) =>
    apollo.executeOperation(
      { query: STATISTICS },
      { contextValue: { ...caller, caller: await verify(caller.authorization) } },
    );

  it("admits ten seconds' worth at once, then refuses with when to come back; others go on", async () => {
    const apollo = server(3_000);
    await apollo.start();
    try {
      // 3,000 a minute: 500 at once, five requests of 100.
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await ask(apollo, { authorization: "analyst-1" }));
      const refused = answers.map((a) => a.body.kind === "single" && a.body.singleResult.errors?.[0]);
      expect(refused.slice(0, 5)).toEqual([undefined, undefined, undefined, undefined, undefined]);
      expect(refused[5]).toMatchObject({
        message: expect.stringMatching(/more than 3000 store reads in a minute\. Try again in 2 s\./),
        extensions: { code: "RATE_LIMITED", retryAfterSeconds: 2 },
      });
      expect(answers[5].http.status).toBe(429);
      expect(answers[5].http.headers.get("retry-after")).toBe("2");
      const other = await ask(apollo, { authorization: "analyst-2" });
      expect(other.body.kind === "single" && other.body.singleResult.errors).toBeUndefined();
    } finally {
      await apollo.stop();
    }
  });

  it("counts callers without a token by their address, an IPv6 host by its /64", async () => {
    expect(addressBlock("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(addressBlock("2001:db8:1:2:aaaa::1")).toBe(addressBlock("2001:db8:1:2:bbbb::2"));
    expect(addressBlock("2001:db8:1:2::1")).not.toBe(addressBlock("2001:db8:1:3::1"));
    const apollo = server(3_000);
    await apollo.start();
    try {
      for (let i = 0; i < 5; i++) await ask(apollo, { address: `2001:db8:1:2::${i + 1}` });
      const sixth = await ask(apollo, { address: "2001:db8:1:2::99" });
      expect(sixth.http.status).toBe(429);
      const elsewhere = await ask(apollo, { address: "2001:db8:1:3::1" });
      expect(elsewhere.http.status).not.toBe(429);
    } finally {
      await apollo.stop();
    }
  });
});
