import { COUNTRIES } from "#schema/countries";
import { ENABLED_COUNTRIES } from "#schema/registry";
import {
  Bucket,
  exactTables,
  protectYear,
  tableDefinitions,
  YearFacts,
} from "../../subgraphs/national/src/modules/statistics/tables";
import { quartersOf, toPeriod } from "../../subgraphs/national/src/modules/statistics/period";
import { attackPublished, Cell, misprinted } from "../support/linear-attacker";

/**
 * The attacker of test/support/linear-attacker.ts, independent of the implementation, on what
 * `protectYear` publishes for a country-year (the service serves it period by period): seeded years full
 * of small counts, and the year of the finding that tables protected one by one gave cells away.
 */

const YEAR = 2026;
const SWEDEN = COUNTRIES.find((c) => c.code === "SE")!;
const DEFINITIONS = tableDefinitions(SWEDEN);

/** A fixed-seed pseudo-random generator (mulberry32), so every run attacks the same data. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const columnsOf = (name: string) => DEFINITIONS.find((d) => d.name === name)!.columns;
const COUNTERPARTS = ENABLED_COUNTRIES.filter((c) => c.code !== SWEDEN.code).map((c) => c.code);

/** Facts of a year as the store gives them (statistics.service.ts): counts per month and value. */
class Facts {
  readonly counts: Record<string, Bucket[]> = {};
  add(table: string, month: number, column: unknown, row?: unknown, n = 1): void {
    const buckets = (this.counts[table] ??= []);
    const bucket = buckets.find((b) => b.month === month && b.column === column && b.row === row);
    if (bucket) bucket.n += n;
    else buckets.push({ month, column, row, n });
  }
  /** A child identified in the month, counted once under each field, and under each value of a list. */
  child(
    month: number,
    child: { stage: string; sex: string; ageBand: string; nationality: string | null },
    targetGroups: string[],
    exploitationForms: string[],
  ): void {
    this.add("casesByStage", month, child.stage);
    this.add("casesBySex", month, child.sex);
    this.add("casesByAgeBand", month, child.ageBand);
    this.add("casesByNationality", month, child.nationality);
    for (const group of targetGroups) this.add("casesByTargetGroup", month, group);
    if (!exploitationForms.length) this.add("casesByExploitationForm", month, null);
    for (const form of exploitationForms) this.add("casesByExploitationForm", month, form);
  }
  get year(): YearFacts {
    return { counts: this.counts, durations: {} };
  }
}

/**
 * A year with many small counts: a few children a month (more in some months), values drawn unevenly
 * (most children of one nationality, in a few stages), some in two target groups or with no form of
 * exploitation, and referrals, answers, conclusions and return steps spread thin over many cells.
 */
function randomYear(seed: number, scale: number): Facts {
  const random = generator(seed);
  const pick = <T>(values: readonly T[], skew = 1) => values[Math.floor(random() ** skew * values.length)];
  const facts = new Facts();
  for (let month = 1; month <= 12; month++) {
    const busy = random() < 0.15 ? 6 : 1;
    for (let n = Math.floor(random() * 6 * scale * busy); n > 0; n--) {
      const groups = [pick(columnsOf("casesByTargetGroup"), 2)];
      if (random() < 0.15) groups.push(pick(columnsOf("casesByTargetGroup")));
      const forms = random() < 0.2 ? [] : [pick(columnsOf("casesByExploitationForm"), 2)];
      if (random() < 0.1) forms.push(pick(columnsOf("casesByExploitationForm")));
      facts.child(
        month,
        {
          stage: pick(columnsOf("casesByStage"), 2),
          sex: pick(columnsOf("casesBySex"), 1.5),
          ageBand: pick(columnsOf("casesByAgeBand")),
          nationality: random() < 0.08 ? null : random() < 0.4 ? "SE" : pick(["UA", "PL", "XX", "LT", "DE"]),
        },
        [...new Set(groups)],
        [...new Set(forms)],
      );
    }
    const few = (n: number) => Math.floor(random() * n * scale);
    for (let n = few(8); n > 0; n--)
      facts.add("referralsSent", month, pick(columnsOf("referralsSent"), 2), pick(COUNTERPARTS, 2));
    for (let n = few(6); n > 0; n--)
      facts.add("referralsAnswered", month, pick(columnsOf("referralsAnswered")), pick(COUNTERPARTS, 2));
    for (let n = few(3); n > 0; n--) facts.add("bestInterestsConclusions", month, random() < 0.6);
    for (let n = few(6); n > 0; n--)
      facts.add("returnSteps", month, pick([...columnsOf("returnSteps"), "CORRECTION"], 1.5));
  }
  return facts;
}

/**
 * The year of the finding: SE, Q1, 21 children, by sex [8, 10, 0, 3] and by age band [0, 2, 5, 8, 6];
 * each table protected on its own published [8, 10, 0, null] and [0, null, 5, 8, 6] beside a total of 21.
 */
function findingYear(): Facts {
  const facts = new Facts();
  const spread = (counts: number[], values: string[]) => values.flatMap((v, j) => Array(counts[j]).fill(v));
  const sexes = spread([8, 10, 0, 3], columnsOf("casesBySex"));
  const ages = spread([0, 2, 5, 8, 6], columnsOf("casesByAgeBand"));
  const stages = spread([7, 6, 3, 2, 2, 1, 0, 0], columnsOf("casesByStage"));
  const nationalities = spread([12, 4, 3, 2], ["SE", "UA", "PL", "XX"]);
  for (let k = 0; k < 21; k++) {
    const child = {
      stage: stages[k],
      sex: sexes[(k * 5) % 21],
      ageBand: ages[(k * 8) % 21],
      nationality: nationalities[(k * 2) % 21],
    };
    facts.child(1 + (k % 3), child, ["TRAFFICKED"], k % 4 ? ["SEXUAL"] : []);
  }
  // The rest of the year, larger.
  const random = generator(2026);
  for (let month = 4; month <= 12; month++)
    for (let k = 0; k < 6; k++)
      facts.child(
        month,
        {
          stage: columnsOf("casesByStage")[Math.floor(random() * 3)],
          sex: columnsOf("casesBySex")[Math.floor(random() * 2)],
          ageBand: columnsOf("casesByAgeBand")[2 + Math.floor(random() * 3)],
          nationality: "SE",
        },
        ["TRAFFICKED"],
        ["SEXUAL"],
      );
  return facts;
}

/** The figures of the year and its quarters, exact, in the order `protectYear` gives them. */
const truth = (facts: Facts) =>
  [toPeriod({ year: YEAR }), ...quartersOf(YEAR)].map((period) =>
    exactTables(DEFINITIONS, facts.year, period),
  );

/** Attacks the published year and checks every figure against the truth; returns what it examined. */
function attackYear(facts: Facts, threshold: number) {
  const published = protectYear(DEFINITIONS, facts.year, YEAR, threshold);
  expect(misprinted(published, truth(facts), threshold)).toEqual([]);
  return attackPublished(published);
}

describe("an attacker with everything published for a country-year", () => {
  it("recovers nothing from the finding's year, where tables protected one by one gave cells away", () => {
    const { suppressed, recovered } = attackYear(findingYear(), 5);
    expect(recovered).toEqual([]);
    expect(suppressed).toBeGreaterThan(10);
    const q1 = protectYear(DEFINITIONS, findingYear().year, YEAR, 5)[1];
    const table = (name: string) => q1.tables.find((t) => t.name === name)!;
    expect(table("casesBySex").cells[0][3]).toEqual({ value: null, suppressed: true });
    expect(table("casesByAgeBand").cells[0][1]).toEqual({ value: null, suppressed: true });
  });

  it("is able to recover: from primary suppression alone it solves the finding's cells", () => {
    const facts = findingYear();
    const exact = truth(facts);
    const primaryOnly = exact.map((tables, p) => ({
      period: { label: ["year", "Q1", "Q2", "Q3", "Q4"][p] },
      tables: tables.map((table) => {
        const hide = (cell: Cell): Cell =>
          cell.value! > 0 && cell.value! < 5 ? { value: null, suppressed: true } : cell;
        return {
          ...table,
          cells: table.cells.map((line) => line.map(hide)),
          rowTotals: table.rowTotals.map(hide),
          columnTotals: table.columnTotals.map(hide),
          total: hide(table.total),
        };
      }),
    }));
    expect(attackPublished(primaryOnly).recovered).toEqual(
      expect.arrayContaining(["Q1 casesBySex cell 0,3 = 3", "Q1 casesByAgeBand cell 0,1 = 2"]),
    );
  });

  for (const threshold of [2, 5]) {
    it(`recovers nothing from 40 random years of small counts, threshold ${threshold}`, () => {
      let suppressed = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const scale = [0.3, 0.6, 1, 2, 4][seed % 5];
        const result = attackYear(randomYear(seed * 7919 + threshold, scale), threshold);
        suppressed += result.suppressed;
        expect({ seed, recovered: result.recovered }).toEqual({ seed, recovered: [] });
      }
      // The attacker had something to attack.
      expect(suppressed).toBeGreaterThan(40 * 20);
    });
  }
});
