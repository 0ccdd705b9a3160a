import { COUNTRIES } from "../../schema/countries";
import {
  countryIssuer,
  countryTypeName,
  ENABLED_COUNTRIES,
  mutationNamespace,
  nationalSubgraphName,
  portPlan,
} from "../../schema/registry";

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
    expect(countryIssuer(sweden)).toBe("urn:cbss-ncp:idp:se");
  });

  it("gives every country distinct names, issuers and ports", () => {
    const plan = portPlan();
    const distinct = (values: unknown[]) => new Set(values).size === values.length;
    expect(distinct(COUNTRIES.map((c) => c.code))).toBe(true);
    expect(distinct(COUNTRIES.map(countryTypeName))).toBe(true);
    expect(distinct(COUNTRIES.map(countryIssuer))).toBe(true);
    const ports = [
      plan.gateway,
      plan.directory,
      ...COUNTRIES.flatMap((c) => [plan.national(c), plan.store(c)]),
    ];
    expect(distinct(ports)).toBe(true);
  });
});
