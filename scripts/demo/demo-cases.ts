import { createHash } from "node:crypto";
import { CountryEntry } from "#schema/countries";
import { ENABLED_COUNTRIES } from "#schema/registry";
import { AgeBand, CaseStage, Sex, TargetGroup } from "../../subgraphs/national/src/modules/case/case.enums";

/**
 * Fictional case volumes for the statistics pages: for each country, each quarter of the current year
 * so far and each target group, a handful to a few dozen children, some below the disclosure threshold.
 * Deterministic per country, so every fresh start shows the same figures.
 */
export function demoCases(country: CountryEntry, now = new Date()) {
  let state = parseInt(
    createHash("sha256").update(`demo-cases:${country.code}`).digest("hex").slice(0, 8),
    16,
  );
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const nationalities = [
    ...ENABLED_COUNTRIES.map((c) => c.code).filter((c) => c !== country.code),
    "UA",
    "AF",
    "SY",
    "VN",
  ];
  const year = now.getUTCFullYear();
  const cases = [];
  for (let quarter = 0; quarter < 4; quarter++) {
    for (const targetGroup of Object.values(TargetGroup)) {
      const count = Math.floor(random() * random() * 30);
      for (let n = 0; n < count; n++) {
        const identifiedOn = new Date(Date.UTC(year, quarter * 3, 1 + Math.floor(random() * 89)));
        if (identifiedOn > now) continue;
        const ageBand = pick([
          AgeBand.AGE_12_14,
          AgeBand.AGE_15_17,
          AgeBand.AGE_15_17,
          AgeBand.AGE_6_11,
          AgeBand.PRESUMED_CHILD,
        ]);
        cases.push({
          targetGroups: [targetGroup],
          sex: pick([Sex.FEMALE, Sex.MALE, Sex.MALE, Sex.FEMALE, Sex.UNKNOWN]),
          ageBand,
          ageDisputed: ageBand === AgeBand.PRESUMED_CHILD,
          nationality: pick(nationalities),
          identifiedOn,
          stage: pick([
            CaseStage.IDENTIFIED,
            CaseStage.ASSESSMENT,
            CaseStage.IN_CARE,
            CaseStage.IN_CARE,
            CaseStage.LOCAL_SOLUTION,
            CaseStage.CLOSED,
          ]),
          needs: [],
          version: 1,
        });
      }
    }
  }
  return cases;
}
