import { COUNTRIES } from "#schema/countries";
import {
  countryTypeName,
  ENABLED_COUNTRIES,
  mutationNamespace,
  nationalSubgraphName,
  portPlan,
} from "#schema/registry";
import { identityProviders } from "#core";

describe("countries registry", () => {
  it("enables the ten CBSS member states and keeps the invited neighbours disabled", () => {
    expect(ENABLED_COUNTRIES.map((c) => c.code).sort()).toEqual([
      "DE",
      "DK",
      "EE",
      "FI",
      "IS",
      "LT",
      "LV",
      "NO",
      "PL",
      "SE",
    ]);
    const disabled = COUNTRIES.filter((c) => !c.enabled).map((c) => c.code);
    expect(disabled.sort()).toEqual(["BY", "MD", "UA"]);
  });

  it("derives type names and mutation namespaces from the English name", () => {
    const sweden = COUNTRIES.find((c) => c.code === "SE")!;
    expect(countryTypeName(sweden)).toBe("Sweden");
    expect(mutationNamespace(sweden)).toBe("sweden");
    expect(nationalSubgraphName(sweden)).toBe("national-se");
  });

  it("gives every country distinct names, issuers and ports", () => {
    // A country that runs its own identity provider names it; the others use the development one.
    const env = { IDP_URL: "http://localhost:4002", ISSUER_SE: "https://login.example.se/ncp" };
    const issuers = identityProviders(env).map((p) => p.issuer);
    expect(issuers).toContain("https://login.example.se/ncp");
    expect(issuers).toContain("http://localhost:4002/lt");
    expect(issuers).toContain("http://localhost:4002/cbss");
    const plan = portPlan();
    const distinct = (values: unknown[]) => new Set(values).size === values.length;
    expect(distinct(COUNTRIES.map((c) => c.code))).toBe(true);
    expect(distinct(COUNTRIES.map(countryTypeName))).toBe(true);
    expect(distinct(issuers)).toBe(true);
    const ports = [
      plan.gateway,
      plan.directory,
      plan.identityProvider,
      ...COUNTRIES.flatMap((c) => [plan.national(c), plan.store(c)]),
    ];
    expect(distinct(ports)).toBe(true);
  });
});
