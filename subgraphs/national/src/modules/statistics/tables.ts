import { COUNTRIES, CountryEntry } from "#schema/countries";
import { ENABLED_COUNTRIES } from "#schema/registry";
import { AgeBand, CaseStage, ExploitationForm, Sex, TargetGroup } from "../case/case.enums";
import { ReferralPurpose } from "../referral/referral.enums";
import { Decision } from "../response/response.enums";
import { ReturnEventKind } from "../return-event/return-event.enums";
import { exactTable, LinkedTable, protectLinkedTables, ProtectedTable } from "./disclosure-control";
import { Period, quartersOf, toPeriod } from "./period";
import { StatTable } from "./statistics.type";

/**
 * The count tables a country publishes, counted from the facts of a year, and protected: pure, without
 * the store, so that the tests see exactly what is published.
 */

/**
 * What the store answers for one year, already counted: for each table, a count per month (1 to 12), row
 * value and column value; for each median, one duration per record with the month it falls in. Every
 * period of that year (the year, a quarter, a month) is summed from these, so the store is asked once.
 */
export interface YearFacts {
  counts: Record<string, Bucket[]>;
  durations: Record<string, Duration[]>;
}

export interface Bucket {
  month: number;
  row?: unknown;
  column: unknown;
  n: number;
}

export interface Duration {
  month: number;
  days: number;
}

/** A table: its axes, and how a counted bucket of the store falls into a cell (or nowhere: -1). */
export interface TableDefinition {
  name: string;
  title: string;
  rows: string[];
  columns: string[];
  rowOf?: (value: unknown) => number;
  columnOf: (value: unknown) => number;
  /**
   * How it counts the children identified: `"once"`, each child in exactly one column, so that its sum is
   * the number of children, a total it shares with every such table; `"perValue"`, a child under each
   * value of a list (each of its target groups), so that its sum need not be the number of children.
   * Absent for the tables of other things (referrals, answers, return steps).
   */
  children?: "once" | "perValue";
}

/** Every case counts once under `stage` (under no value if it had none): the number of children. */
const CHILDREN_COUNTED_BY = "casesByStage";

const ALL = ["ALL"];
const sum = (counts: number[][]) => counts.flat().reduce((a, b) => a + b, 0);
const at = (values: readonly string[]) => (value: unknown) => values.indexOf(String(value));
/** Like `at`, with a column for every value not among them (and for none), so that no child falls nowhere. */
const atOr = (values: readonly string[], otherwise: string) => (value: unknown) =>
  values.includes(String(value)) ? values.indexOf(String(value)) : values.indexOf(otherwise);

/** The figures each country publishes; the same definitions for every country, from its own store. */
export function tableDefinitions(country: CountryEntry): TableDefinition[] {
  const counterparts = ENABLED_COUNTRIES.filter((c) => c.code !== country.code).map((c) => c.code);
  const nationalities = [...COUNTRIES.map((c) => c.code), "OTHER", "UNKNOWN"];
  const eventKinds = Object.values(ReturnEventKind).filter((k) => k !== ReturnEventKind.CORRECTION);
  const oneWay = (
    name: string,
    title: string,
    columns: string[],
    columnOf = at(columns),
    children?: "once" | "perValue",
  ): TableDefinition => ({ name, title, rows: ALL, columns, columnOf, children });
  return [
    oneWay(
      "casesByTargetGroup",
      "Children identified, by target group (a child in several groups counts in each)",
      Object.values(TargetGroup),
      undefined,
      "perValue",
    ),
    oneWay(
      "casesByExploitationForm",
      "Children identified, by form of exploitation (a child may have suffered several)",
      Object.values(ExploitationForm),
      undefined,
      "perValue",
    ),
    oneWay(
      "casesByStage",
      "Children identified, by current stage",
      Object.values(CaseStage),
      undefined,
      "once",
    ),
    // Sex and age band are required of every case; one recorded without them counts as unknown.
    oneWay(
      "casesBySex",
      "Children identified, by sex",
      Object.values(Sex),
      atOr(Object.values(Sex), Sex.UNKNOWN),
      "once",
    ),
    oneWay(
      "casesByAgeBand",
      "Children identified, by age band",
      Object.values(AgeBand),
      atOr(Object.values(AgeBand), AgeBand.PRESUMED_CHILD),
      "once",
    ),
    oneWay(
      "casesByNationality",
      "Children identified, by nationality",
      nationalities,
      (nationality) => {
        if (!nationality) return nationalities.indexOf("UNKNOWN");
        const known = nationalities.indexOf(String(nationality));
        return known >= 0 ? known : nationalities.indexOf("OTHER");
      },
      "once",
    ),
    {
      name: "referralsSent",
      title: "Referrals sent, by receiving country and purpose",
      rows: counterparts,
      columns: Object.values(ReferralPurpose),
      rowOf: at(counterparts),
      columnOf: at(Object.values(ReferralPurpose)),
    },
    {
      name: "referralsAnswered",
      title: "Referrals received and answered, by sending country and decision",
      rows: counterparts,
      columns: Object.values(Decision),
      rowOf: at(counterparts),
      columnOf: at(Object.values(Decision)),
    },
    oneWay(
      "bestInterestsConclusions",
      "Risk assessments concluded: return in the child's best interests?",
      ["RETURN", "LOCAL_SOLUTION"],
      (returnInBestInterests) => (returnInBestInterests ? 0 : 1),
    ),
    oneWay("returnSteps", "Return and reintegration steps recorded", eventKinds),
  ];
}

/** Whether a month (1 to 12) of the period's year lies in the period. */
export const monthsOf = (period: Period) => {
  const first = period.start.getUTCMonth() + 1;
  const last = period.end.getUTCFullYear() > period.year ? 12 : period.end.getUTCMonth();
  return (month: number) => month >= first && month <= last;
};

function countsOf(definition: TableDefinition, facts: YearFacts, period: Period): number[][] {
  const counts = definition.rows.map(() => definition.columns.map(() => 0));
  const inPeriod = monthsOf(period);
  for (const bucket of facts.counts[definition.name] ?? []) {
    if (!inPeriod(bucket.month)) continue;
    const i = definition.rowOf ? definition.rowOf(bucket.row) : 0;
    const j = definition.columnOf(bucket.column);
    if (i >= 0 && j >= 0) counts[i][j] += bucket.n;
  }
  return counts;
}

/** The children identified in the period, whether or not a table places them all. */
const childrenIdentified = (facts: YearFacts, period: Period) => {
  const inPeriod = monthsOf(period);
  return (facts.counts[CHILDREN_COUNTED_BY] ?? []).reduce((n, b) => n + (inPeriod(b.month) ? b.n : 0), 0);
};

const toStatTable = (definition: TableDefinition, table: ProtectedTable): StatTable => ({
  name: definition.name,
  title: definition.title,
  rows: definition.rows,
  columns: definition.columns,
  ...table,
});

/** Every table of the period, exact (for the country's own NCP officers). */
export function exactTables(definitions: TableDefinition[], facts: YearFacts, period: Period): StatTable[] {
  return definitions.map((definition) =>
    toStatTable(definition, exactTable(countsOf(definition, facts, period))),
  );
}

/**
 * Every table of the year and of each of its quarters (the periods anyone but the country's own officers
 * may ask for), disclosure-controlled as one system (disclosure-control.ts): whichever period is asked
 * for, its tables are a slice of the same suppression pattern, and no linear equation between periods and
 * tables solves a suppressed figure. The year first, then its quarters.
 *
 * The tables of the children share the number of children as their total, when they add up to it in all
 * five periods (those counting each child once always do). A table whose sum is not that number (a child
 * counts under each of its target groups, or a value fell in no column) would, if the difference is
 * small, tell how many children have several values, or none: its sum is then hidden in all five periods
 * (a difference in one quarter could otherwise be read from the year minus the other quarters).
 */
export function protectYear(
  definitions: TableDefinition[],
  facts: YearFacts,
  year: number,
  threshold: number,
): Array<{ period: Period; tables: StatTable[] }> {
  const periods = [toPeriod({ year }), ...quartersOf(year)];
  const children = periods.map((period) => childrenIdentified(facts, period));
  const linked = definitions.map((definition): LinkedTable => {
    const counts = periods.map((period) => countsOf(definition, facts, period));
    if (!definition.children) return { counts };
    const gaps = counts.map((periodCounts, k) => sum(periodCounts) - children[k]);
    return {
      counts,
      population: gaps.every((gap) => gap === 0) ? "children" : undefined,
      hideSum: gaps.some((gap) => gap !== 0 && Math.abs(gap) < threshold),
    };
  });
  const protectedTables = protectLinkedTables(linked, threshold);
  return periods.map((period, k) => ({
    period,
    tables: definitions.map((definition, t) => toStatTable(definition, protectedTables[t][k])),
  }));
}
