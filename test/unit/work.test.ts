import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSchema, Kind, parse } from "graphql";
import { ENABLED_COUNTRIES } from "../../schema/registry";
import { LIMITS } from "../../gateway/src/limits";
import { requestWork, storeFields } from "../../gateway/src/work";
import { operationFiles } from "../../scripts/lib/operations";
import { ROOT_DIR } from "../../subgraphs/shared/src/paths";

/** What the gateway counts as the national registries' work for a request (gateway/src/work.ts). */
const api = buildSchema(readFileSync(join(ROOT_DIR, "schema", "api.graphql"), "utf8"));
const fromStores = storeFields(readFileSync(join(ROOT_DIR, "schema", "supergraph.graphql"), "utf8"));
const work = (query: string) => requestWork(api, parse(query), undefined, fromStores);
const countries = ENABLED_COUNTRIES.length;

describe("the work a request asks of the national registries", () => {
  it("knows which fields of a country are read from its store, and which the directory answers", () => {
    expect(fromStores).toEqual(
      expect.objectContaining(new Set(["statistics", "cases", "referrals", "contactPoints"])),
    );
    for (const field of ["code", "name", "membership"]) expect(fromStores.has(field)).toBe(false);
  });

  it("counts each country asked, statistics ten times, each alias", () => {
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
  });

  it("counts a reference to a country once per country, however many records name it", () => {
    expect(work("{ countries { referrals(first: 100) { nodes { to { contactPoints { email } } } } } }")).toBe(
      countries + countries,
    );
    expect(
      work(
        "{ countries { referrals(first: 50) { nodes { to { statistics(period: { year: 2026 }) { exact } } } } } }",
      ),
    ).toBe(countries + 10 * countries);
  });

  it("lets the dashboard's ten countries' statistics through, and refuses the review's attack", () => {
    expect(work("{ countries { statistics(period: { year: 2026 }) { exact } } }")).toBeLessThanOrEqual(
      LIMITS.maxWork,
    );
    const attack = Array.from(
      { length: 15 },
      (_, i) => `a${i}: countries { statistics(period: { year: ${2012 + i} }) { exact } }`,
    );
    expect(work(`{ ${attack.join(" ")} }`)).toBeGreaterThan(LIMITS.maxWork);
  });

  it("lets every documented operation of a national system through", async () => {
    const names = [];
    for (const { text } of await operationFiles()) {
      for (const definition of parse(text).definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const name = definition.name!.value;
        const used = requestWork(api, parse(text), name, fromStores);
        expect({ name, within: used <= LIMITS.maxWork }).toEqual({ name, within: true });
        names.push(name);
      }
    }
    expect(names.length).toBeGreaterThan(10);
  });
});
